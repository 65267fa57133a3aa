package dev.herald.delivery.message;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheResolver;
import com.github.mustachejava.reflect.MapObjectHandler;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Templates that a configuration carries itself (a webhook's {@code body_template}, the
 * {@code title_template} and {@code text_template} of the message types), written by the
 * users of an account rather than by the operator, so held to more than the shipped ones: the same
 * Mustache engine and the same values ({@link TemplateContext}), but values are looked up in those
 * values only (no Java getter can be reached through a name), there are no partials (no file is
 * read), and every value is escaped: {@code {{{…}}}}, {@code {{&…}}} and changed delimiters are
 * refused. Text from events can therefore neither leave a JSON string nor add template syntax.
 */
public final class ConfigurationTemplates {

    /** The tags that would write a value unescaped or change the delimiters (and so hide such a tag). */
    private static final Pattern UNESCAPED = Pattern.compile("\\{\\{\\s*[{&=]");

    /** Compiled message texts kept at most; past it the cache starts over (each template is small). */
    private static final int CACHED_TEXTS = 1000;

    private final DefaultMustacheFactory json;
    private final Map<TemplateFormat, DefaultMustacheFactory> texts = new EnumMap<>(TemplateFormat.class);
    private final Map<TextKey, Mustache> compiledTexts = new ConcurrentHashMap<>();

    public ConfigurationTemplates() {
        json = factory(value -> new String(JsonStringEncoder.getInstance().quoteAsString(value)));
        for (TemplateFormat format : TemplateFormat.values()) {
            texts.put(format, factory(format::escape));
        }
    }

    private static DefaultMustacheFactory factory(UnaryOperator<String> escape) {
        MustacheResolver noFiles = resourceName -> null;
        DefaultMustacheFactory factory = new DefaultMustacheFactory(noFiles) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(escape.apply(value));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        factory.setObjectHandler(new MapObjectHandler());
        return factory;
    }

    /**
     * A template writing JSON, in which values are escaped as the content of a JSON string
     * ({@code "summary": "{{message}}"}).
     *
     * @throws TemplateSyntaxException naming the line of the problem
     */
    public Mustache compileJson(String field, String text) {
        return compile(json, field, text);
    }

    /**
     * Checks a message text template ({@code title_template}, {@code text_template}).
     *
     * @throws TemplateSyntaxException naming the line of the problem
     */
    public void checkText(String field, String text) {
        compile(texts.get(TemplateFormat.TXT), field, text);
    }

    /**
     * A message text template rendered into a built-in template of {@code format}: values escaped as
     * that format escapes them (Slack mrkdwn, Markdown, Jira wiki), the template's own text kept as
     * the user's markup; into HTML the whole text is escaped, so it reads the same in a mail's HTML
     * and plain-text parts.
     */
    String renderText(String field, String text, TemplateFormat format, Map<String, Object> context) {
        TemplateFormat escaping = format == TemplateFormat.HTML ? TemplateFormat.TXT : format;
        if (compiledTexts.size() > CACHED_TEXTS) {
            compiledTexts.clear();
        }
        Mustache template = compiledTexts.computeIfAbsent(new TextKey(escaping, text),
                key -> compile(texts.get(escaping), field, text));
        StringWriter out = new StringWriter();
        template.execute(out, context);
        String rendered = out.toString().strip();
        return format == TemplateFormat.HTML ? format.escape(rendered) : rendered;
    }

    private static Mustache compile(DefaultMustacheFactory factory, String field, String text) {
        Matcher unescaped = UNESCAPED.matcher(text);
        if (unescaped.find()) {
            throw new TemplateSyntaxException("line " + lineOf(text, unescaped.start()) + ": " + unescaped.group()
                    + " is not allowed here: every value is written escaped, with {{name}}, and the delimiters stay {{ }}");
        }
        try {
            return factory.compile(new StringReader(text), field);
        } catch (MustacheException e) {
            throw new TemplateSyntaxException(Optional.ofNullable(e.getContext())
                    .map(context -> "line " + context.line() + ": ").orElse("") + problem(e));
        }
    }

    public String render(Mustache template, Notification notification) {
        StringWriter out = new StringWriter();
        template.execute(out, TemplateContext.of(notification));
        return out.toString();
    }

    /** A webhook's body_template rendered for a digest: its events as {@code events} ({@link TemplateContext#ofEvents}). */
    public String render(Mustache template, String digestId, List<Notification> events) {
        StringWriter out = new StringWriter();
        template.execute(out, TemplateContext.ofEvents(digestId, events));
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** mustache.java's message without its own "@[field:line]" suffix, which the line above already says. */
    private static String problem(MustacheException e) {
        String message = e.getMessage() == null ? "not a valid Mustache template" : e.getMessage();
        int at = message.indexOf(" @[");
        return at > 0 ? message.substring(0, at) : message;
    }

    private record TextKey(TemplateFormat format, String text) {
    }

    /** A template that cannot be compiled; the message says where and why, and holds no value of an event. */
    public static final class TemplateSyntaxException extends RuntimeException {

        TemplateSyntaxException(String message) {
            super(message);
        }
    }
}
