package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checker passes what a 1.4 host renders and names what it does not. */
class AdaptiveCardCheckerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode card(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void aCardOfTextFactsAndALinkPasses() throws Exception {
        assertThat(AdaptiveCardChecker.problems(card("""
                {'$schema': 'http://adaptivecards.io/schemas/adaptive-card.json', 'type': 'AdaptiveCard', 'version': '1.4',
                 'body': [{'type': 'TextBlock', 'text': 'Policy fail', 'size': 'Medium', 'weight': 'Bolder', 'color': 'Attention', 'wrap': true},
                          {'type': 'FactSet', 'facts': [{'title': 'Level', 'value': 'error'}]}],
                 'actions': [{'type': 'Action.OpenUrl', 'title': 'Open', 'url': 'https://ui.example/1'}]}
                """))).isEmpty();
    }

    @Test
    void nestedContainersColumnsRichTextAndShowCardsPass() throws Exception {
        assertThat(AdaptiveCardChecker.problems(card("""
                {'type': 'AdaptiveCard', 'version': '1.2',
                 'body': [{'type': 'Container', 'items': [
                             {'type': 'ColumnSet', 'columns': [{'type': 'Column', 'width': 'auto', 'items': [
                                 {'type': 'Image', 'url': 'https://img.example/a.png'},
                                 {'type': 'RichTextBlock', 'inlines': ['plain', {'type': 'TextRun', 'text': 'run', 'italic': true}]}]}]},
                             {'type': 'ActionSet', 'actions': [{'type': 'Action.Submit', 'title': 'Go'}]},
                             {'type': 'Input.Text', 'id': 'comment'}]}],
                 'actions': [{'type': 'Action.ShowCard', 'title': 'More', 'card': {'type': 'AdaptiveCard',
                             'body': [{'type': 'TextBlock', 'text': 'more'}]}}]}
                """))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            version 1.5                    | {'type': 'AdaptiveCard', 'version': '1.5', 'body': []}                                                       | version 1.5 is above 1.4
            version not a number           | {'type': 'AdaptiveCard', 'version': 'one', 'body': []}                                                       | is not a version number
            no version                     | {'type': 'AdaptiveCard', 'body': []}                                                                          | has no version
            not an AdaptiveCard            | {'type': 'MessageCard', 'version': '1.4'}                                                                     | not AdaptiveCard
            element Table (1.5)            | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'Table', 'rows': []}]}                          | has element type Table
            TextBlock without text         | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'TextBlock', 'wrap': true}]}                    | text is missing
            TextBlock text not a string    | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'TextBlock', 'text': 7}]}                       | text is not a string
            TextBlock style (1.5)          | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'TextBlock', 'text': 'a', 'style': 'heading'}]} | has property style
            TextBlock size Huge            | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'TextBlock', 'text': 'a', 'size': 'Huge'}]}     | size "Huge" is not one of
            fact without value             | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'FactSet', 'facts': [{'title': 'a'}]}]}        | value is missing
            fact with a name               | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'FactSet', 'facts': [{'title': 'a', 'value': 'b', 'name': 'c'}]}]} | has property name
            FactSet without facts          | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'FactSet'}]}                                    | has no facts
            Action.OpenUrl without url     | {'type': 'AdaptiveCard', 'version': '1.4', 'actions': [{'type': 'Action.OpenUrl', 'title': 'Open'}]}        | url is missing
            Action.OpenUrl with a target   | {'type': 'AdaptiveCard', 'version': '1.4', 'actions': [{'type': 'Action.OpenUrl', 'url': 'https://a', 'target': 'x'}]} | has property target
            unknown action                 | {'type': 'AdaptiveCard', 'version': '1.4', 'actions': [{'type': 'Action.Http', 'url': 'https://a'}]}        | has action type Action.Http
            unknown card property msteams  | {'type': 'AdaptiveCard', 'version': '1.4', 'msteams': {'width': 'Full'}}                                     | has property msteams
            Column without items           | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'ColumnSet', 'columns': [{'type': 'Column'}]}]} | has no items
            deep unknown element           | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'Container', 'items': [{'type': 'Carousel'}]}]} | body[0](Container).items[0] has element type Carousel
            Input without id               | {'type': 'AdaptiveCard', 'version': '1.4', 'body': [{'type': 'Input.Text'}]}                                 | id is missing
            """)
    void aCardOutsideAdaptiveCards14IsNamed(String what, String json, String problem) throws Exception {
        assertThat(AdaptiveCardChecker.problems(card(json))).as(what).anySatisfy(line -> assertThat(line).contains(problem));
    }
}
