package dev.herald.delivery.message;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The words of every message: logic-less Mustache templates, {@code templates/<type>/<name>.<format>.mustache}
 * on the classpath. An operator overrides one by putting a file with the same relative path in
 * {@code herald.templates.directory}; it is read the first time it is used (restart to pick up edits).
 * Values are escaped for the template's format (see {@link TemplateFormat}); partials are named
 * from the root, e.g. {@code {{> common/changes.md}}}.
 */
public final class Templates {

    private final Map<TemplateFormat, DefaultMustacheFactory> factories = new EnumMap<>(TemplateFormat.class);
    private final ConfigurationTemplates custom = new ConfigurationTemplates();

    /** @param overrides the operator's template directory, or null */
    public Templates(Path overrides) {
        MustacheResolver resolver = new OverridingResolver(overrides);
        for (TemplateFormat format : TemplateFormat.values()) {
            factories.put(format, new DefaultMustacheFactory(resolver) {
                @Override
                public void encode(String value, Writer writer) {
                    try {
                        writer.write(format.escape(value));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public String resolvePartialPath(String dir, String name, String extension) {
                    return name + extension;
                }
            });
        }
    }

    /**
     * Renders a template such as {@code slack/summary.mrkdwn} with the notification's values, and
     * the configuration's own title and text as {@code custom_title} and {@code custom_text},
     * rendered for the template's format, when it has them.
     */
    public String render(String name, Notification notification) {
        Map<String, Object> context = TemplateContext.of(notification);
        TemplateFormat format = TemplateFormat.of(name);
        CustomTexts texts = notification.custom();
        if (texts.titleTemplate() != null) {
            // a title is one line of plain text wherever it is used
            context.put("custom_title", custom.renderText("title_template", texts.titleTemplate(), TemplateFormat.TXT,
                    context).replaceAll("\\s+", " "));
        }
        if (texts.textTemplate() != null) {
            context.put("custom_text", custom.renderText("text_template", texts.textTemplate(), format, context));
        }
        return render(name, context);
    }

    /** Renders a digest's template such as {@code slack/digest.mrkdwn} with the digest's values ({@link TemplateContext#of(DigestNotification)}). */
    public String render(String name, DigestNotification digest) {
        return render(name, TemplateContext.of(digest));
    }

    String render(String name, Map<String, Object> context) {
        Mustache template = factories.get(TemplateFormat.of(name)).compile(name + ".mustache");
        StringWriter out = new StringWriter();
        template.execute(out, context);
        return out.toString().strip();
    }

    /** The operator's directory first, then the templates that ship with Herald. */
    private record OverridingResolver(Path overrides) implements MustacheResolver {

        @Override
        public Reader getReader(String resourceName) {
            if (overrides != null) {
                Path file = overrides.resolve(resourceName).normalize();
                if (file.startsWith(overrides.normalize()) && Files.isRegularFile(file)) {
                    try {
                        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read template " + file, e);
                    }
                }
            }
            InputStream shipped = Templates.class.getClassLoader().getResourceAsStream("templates/" + resourceName);
            return shipped == null ? null : new InputStreamReader(shipped, StandardCharsets.UTF_8);
        }
    }
}
