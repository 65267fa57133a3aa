package dev.herald.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"plain", "tab\tline\nreturn\r", "emoji 🔥 and 中文", "right-to-left \u202E and zero\u200Bwidth",
            "'; DROP TABLE events; --", "{{herald.admin.password}} ${env:PATH}"})
    void textThatDatabasesKeepIsAccepted(String text) {
        assertThatCode(() -> JsonText.check(JSON.createObjectNode().put("message", text))).doesNotThrowAnyException();
    }

    @Test
    void aNulCharacterIsRefusedWithItsPath() throws Exception {
        assertThatThrownBy(() -> JsonText.check(JSON.readTree("{\"resource\": {\"id\": \"a\\u0000b\"}}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("resource.id");
                            assertThat(error.problem()).contains("U+0000");
                        }));
    }

    @Test
    void unpairedSurrogatesAreRefusedInValuesKeysAndLists() throws Exception {
        for (String body : new String[] {"{\"a\": \"x\\ud800\"}", "{\"a\": \"\\udc00x\"}", "{\"\\ud800\": 1}", "[\"ok\", \"\\ud800\"]"}) {
            assertThatThrownBy(() -> JsonText.check(JSON.readTree(body))).as(body)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("unpaired surrogate");
        }
    }

    @Test
    void otherControlCharactersAreRefused() {
        assertThatThrownBy(() -> JsonText.check(JSON.createObjectNode().put("x", "bell\u0007")))
                .hasMessageContaining("U+0007");
        assertThatThrownBy(() -> JsonText.check(JSON.createObjectNode().put("x", "del\u007F")))
                .hasMessageContaining("U+007F");
    }
}
