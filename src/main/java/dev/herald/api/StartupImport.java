package dev.herald.api;

import dev.herald.account.AccountRepository;
import dev.herald.validation.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code herald.import.file}: a file in the shape of {@code GET /v2/notifications/export}, applied to
 * the admin account at start (after the migrations, before the routes serve), for GitOps. A file
 * that cannot be applied stops the start, naming the path in the file: Herald does not run with a
 * configuration other than the one the repository says.
 */
public final class StartupImport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupImport.class);

    private StartupImport() {
    }

    public static void apply(ApiServices services, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("herald.import.file: cannot read " + file + ": " + e.getMessage(), e);
        }
        ConfigurationsApi configurations = new ConfigurationsApi(services);
        NotificationsFileApi importer = new NotificationsFileApi(services, configurations,
                new SelectorsApi(services, configurations), System::getenv);
        try {
            var answer = importer.apply(AccountRepository.ADMIN, text, false);
            LOG.info("herald.import.file {} applied: {}", file, answer.get("changes").size() + " items checked");
        } catch (InvalidInputException e) {
            // the problems name paths in the file and environment variables, never a secret's value
            throw new IllegalStateException("herald.import.file " + file + " cannot be applied: " + e.getMessage(), e);
        }
    }
}
