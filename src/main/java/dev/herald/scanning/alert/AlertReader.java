package dev.herald.scanning.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.scanning.scope.RuntimeScope;
import dev.herald.scanning.scope.ScopeSyntaxException;
import dev.herald.validation.JsonInput;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and checks an alert from a request body in Sysdig's shape, reporting every problem with its
 * field. Rules: a runtime alert takes a scope and no repositories, a repository alert at least one
 * repository and no scope; at least one trigger (by default unscanned for runtime alerts and
 * analysis_update for repository alerts); a wildcard in a repository's registry or repository allows
 * only analysis_update; onlyPassFail goes with policy_eval; channels are configurations of the account.
 */
public final class AlertReader {

    static final int MAX_DESCRIPTION_LENGTH = 1024;
    static final int MAX_SCOPE_LENGTH = 4096;
    static final int MAX_REPOSITORIES = 100;
    static final int MAX_CHANNELS = 100;

    /** The fields of an alert; the read-only ones (a read alert sent back as it was) are ignored. */
    private static final Set<String> FIELDS = Set.of("name", "description", "enabled", "type", "scope", "repositories",
            "triggers", "onlyPassFail", "notificationChannelIds", "autoscan", "skipEventSend",
            "alertId", "createdAt", "updatedAt");
    private static final String FAILED = "failed";
    private static final Set<String> TRIGGER_FIELDS = Stream.concat(
            Arrays.stream(Trigger.values()).map(Trigger::apiName), Stream.of(FAILED)).collect(Collectors.toUnmodifiableSet());
    private static final List<String> TYPE_NAMES = Arrays.stream(AlertType.values()).map(AlertType::apiName).toList();
    private static final Set<String> REPOSITORY_FIELDS = Set.of("registry", "repository", "tag");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9.:\\[\\]*-]+");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._/*-]+");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.*-]{1,128}");

    private AlertReader() {
    }

    /**
     * @param accountChannels the uuids of the endpoint configurations of the alert's account
     * @throws dev.herald.validation.InvalidInputException with every problem found
     */
    public static AlertSettings read(JsonNode body, Set<String> accountChannels) {
        JsonInput input = JsonInput.ofObject(body, "");
        input.throwIfInvalid();
        input.rejectUnknownFields(FIELDS);
        String name = input.requiredText("name", AlertSettings.MAX_NAME_LENGTH);
        String description = input.optionalText("description", MAX_DESCRIPTION_LENGTH);
        Boolean enabled = input.optionalBoolean("enabled");
        AlertType type = input.has("type")
                ? AlertType.parse(input.requiredOneOf("type", TYPE_NAMES)).orElse(null)
                : AlertType.RUNTIME;
        String scope = input.optionalText("scope", MAX_SCOPE_LENGTH);
        List<RepositoryPattern> repositories = repositories(input);
        TriggerChoice choice = triggers(input, type);
        Set<Trigger> triggers = choice.triggers();
        boolean onlyPassFail = Boolean.TRUE.equals(input.optionalBoolean("onlyPassFail"));
        Boolean autoscan = input.optionalBoolean("autoscan");
        Boolean skipEventSend = input.optionalBoolean("skipEventSend");
        List<String> channels = channels(input, accountChannels);

        if (type == AlertType.RUNTIME) {
            checkRuntime(input, scope, repositories);
        } else if (type == AlertType.REPOSITORY) {
            checkRepository(input, scope, repositories, triggers);
        }
        if (onlyPassFail && triggers != null && !triggers.contains(Trigger.POLICY_EVAL)) {
            input.reject("onlyPassFail", "applies only with triggers.policy_eval (Scan Result Change)");
        }
        input.throwIfInvalid();
        return new AlertSettings(name, description == null ? "" : description, enabled == null || enabled, type,
                scope == null ? "" : scope, repositories, triggers, onlyPassFail, channels,
                new EchoedSysdigFields(Boolean.TRUE.equals(autoscan), Boolean.TRUE.equals(skipEventSend), choice.failed()));
    }

    private static List<RepositoryPattern> repositories(JsonInput input) {
        return input.objectList("repositories", MAX_REPOSITORIES, false).stream().map(item -> {
            item.rejectUnknownFields(REPOSITORY_FIELDS);
            String registry = item.requiredMatching("registry", 255, REGISTRY,
                    "must be a registry host such as docker.io or quay.io:443, * matching any characters");
            String repository = item.requiredMatching("repository", 255, REPOSITORY,
                    "must be a repository path such as acme/api, * matching any characters");
            String tag = item.requiredMatching("tag", 128, TAG,
                    "must be a tag such as 1.0 or latest, * matching any characters");
            return registry == null || repository == null || tag == null ? null
                    : new RepositoryPattern(registry, repository, tag);
        }).filter(Objects::nonNull).toList();
    }

    /**
     * The triggers set to true (null when they cannot be known) and Sysdig's {@code failed}.
     *
     * @param triggers null when the type or the triggers object could not be read
     */
    private record TriggerChoice(Set<Trigger> triggers, boolean failed) {
    }

    /** Without a triggers object, the type's default (Sysdig's): unscanned for runtime, analysis_update for repository. */
    private static TriggerChoice triggers(JsonInput input, AlertType type) {
        if (!input.has("triggers")) {
            return new TriggerChoice(type == null ? null
                    : Set.of(type == AlertType.RUNTIME ? Trigger.UNSCANNED : Trigger.ANALYSIS_UPDATE), false);
        }
        JsonInput triggers = input.object("triggers", false);
        if (!input.raw("triggers").isObject()) {
            return new TriggerChoice(null, false);
        }
        triggers.rejectUnknownFields(TRIGGER_FIELDS);
        Set<Trigger> set = EnumSet.noneOf(Trigger.class);
        for (Trigger trigger : Trigger.values()) {
            if (Boolean.TRUE.equals(triggers.optionalBoolean(trigger.apiName()))) {
                set.add(trigger);
            }
        }
        boolean failed = Boolean.TRUE.equals(triggers.optionalBoolean(FAILED));
        if (set.isEmpty()) {
            input.reject("triggers", "must set at least one of unscanned, analysis_update, policy_eval, vuln_update to true");
        }
        return new TriggerChoice(set, failed);
    }

    private static List<String> channels(JsonInput input, Set<String> accountChannels) {
        List<String> channels = input.optionalTextList("notificationChannelIds", MAX_CHANNELS, 255);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            String field = "notificationChannelIds[" + i + "]";
            if (!accountChannels.contains(channels.get(i))) {
                input.reject(field, "is not an endpoint configuration of this account");
            } else if (!seen.add(channels.get(i))) {
                input.reject(field, "is listed twice");
            }
        }
        return channels;
    }

    private static void checkRuntime(JsonInput input, String scope, List<RepositoryPattern> repositories) {
        if (!repositories.isEmpty()) {
            input.reject("repositories", "must be empty for a runtime alert, which takes a scope");
        }
        try {
            RuntimeScope.parse(scope);
        } catch (ScopeSyntaxException e) {
            input.reject("scope", e.getMessage());
        }
    }

    private static void checkRepository(JsonInput input, String scope, List<RepositoryPattern> repositories,
            Set<Trigger> triggers) {
        if (scope != null && !scope.isBlank()) {
            input.reject("scope", "applies to runtime alerts only; a repository alert takes repositories");
        }
        if (repositories.isEmpty()) {
            input.reject("repositories", "must name at least one repository for a repository alert");
        }
        RepositoryPattern wildcard = repositories.stream().filter(RepositoryPattern::hasWildcardInName).findFirst().orElse(null);
        if (wildcard == null || triggers == null) {
            return;
        }
        for (Trigger trigger : triggers) {
            if (trigger != Trigger.ANALYSIS_UPDATE) {
                input.reject("triggers." + trigger.apiName(), "is not allowed when a repository has a wildcard in its registry "
                        + "or repository (" + wildcard.registry() + " / " + wildcard.repository() + "): only analysis_update is");
            }
        }
    }
}
