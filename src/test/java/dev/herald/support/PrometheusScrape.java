package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /observe/metrics} (Prometheus text format), taken without credentials. */
public record PrometheusScrape(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static PrometheusScrape of(HeraldInstance herald) {
        ApiResponse answer = ApiClient.anonymous(herald.baseUrl()).get("/observe/metrics");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        return new PrometheusScrape(answer.body());
    }

    /** The value of the one sample named {@code name} whose labels include {@code labels}. */
    public double value(String name, Map<String, String> labels) {
        Double found = null;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches() || !sample.group(1).equals(name) || !labels(sample.group(3)).entrySet()
                    .containsAll(labels.entrySet())) {
                continue;
            }
            if (found != null) {
                throw new AssertionError("more than one sample " + name + labels + " in:\n" + text);
            }
            found = Double.parseDouble(sample.group(4));
        }
        if (found == null) {
            throw new AssertionError("no sample " + name + labels + " in:\n" + text);
        }
        return found;
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
