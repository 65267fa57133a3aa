package dev.herald.scanning.report;

import dev.herald.event.Severity;
import dev.herald.scanning.ImageReference;
import dev.herald.scanning.PolicyEvaluation.FinalAction;
import dev.herald.scanning.PolicyEvaluation.Status;
import dev.herald.scanning.PolicyEvaluation;
import dev.herald.scanning.Vulnerability;
import dev.herald.validation.JsonInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Herald's own format: {@code {image: {registry, repository, tag, digest}, policy: {status,
 * final_action, policy_id}, vulnerabilities: [{id, severity, package, version, type, fix_versions, url,
 * feed_group}]}}. The registry defaults to docker.io and the tag to latest; the digest is required;
 * the policy is optional, and its status, when given, must agree with the final action.
 */
final class NormalizedReportReader implements ReportReader {

    @Override
    public ScanReport read(JsonInput report) {
        ImageReference image = image(report.object("image", true));
        PolicyEvaluation policy = report.has("policy") ? policy(report.object("policy", false)) : null;
        List<Vulnerability> vulnerabilities = new ArrayList<>();
        for (JsonInput entry : report.objectList("vulnerabilities", MAX_VULNERABILITIES, false)) {
            Vulnerability vulnerability = vulnerability(entry);
            if (vulnerability != null) {
                vulnerabilities.add(vulnerability);
            }
        }
        report.throwIfInvalid();
        return new ScanReport(new ReportedImage(image, List.of(), null), policy, vulnerabilities);
    }

    private static ImageReference image(JsonInput image) {
        String registry = nonEmpty(image, "registry", image.optionalText("registry", 255));
        String repository = image.requiredText("repository", 255);
        String tag = nonEmpty(image, "tag", image.optionalText("tag", 128));
        String digest = image.requiredText("digest", 200);
        boolean valid = part(image, "registry", registry, ImageReference::problemWithRegistry)
                & part(image, "repository", repository, ImageReference::problemWithRepository)
                & part(image, "tag", tag, ImageReference::problemWithTag)
                & part(image, "digest", digest, ImageReference::problemWithDigest);
        if (!valid || repository == null || repository.isBlank() || digest == null || digest.isBlank()) {
            return null;
        }
        try {
            return ImageReference.normalised(registry, repository, tag == null ? ImageReference.DEFAULT_TAG : tag, digest);
        } catch (ImageReference.InvalidReference e) {
            image.reject(image.field("repository"), e.getMessage());
            return null;
        }
    }

    /** An optional part sent empty is refused rather than taken for its default. */
    private static String nonEmpty(JsonInput image, String name, String value) {
        if (value != null && value.isBlank()) {
            image.reject(image.field(name), "must not be empty (leave it out for the default)");
            return null;
        }
        return value;
    }

    /** Checks one part of the image if it is given (emptiness is checked as it is read); false when it is refused. */
    private static boolean part(JsonInput image, String name, String value, Function<String, Optional<String>> problem) {
        Optional<String> refused = value == null || value.isBlank() ? Optional.empty() : problem.apply(value);
        refused.ifPresent(why -> image.reject(image.field(name), why));
        return refused.isEmpty();
    }

    private static PolicyEvaluation policy(JsonInput policy) {
        String action = policy.requiredText("final_action", 16);
        FinalAction finalAction = action == null ? null : PolicyEvaluation.parse(FinalAction.class, action).orElse(null);
        if (action != null && finalAction == null) {
            policy.reject(policy.field("final_action"), "must be go, warn or stop");
        }
        String statusText = policy.optionalText("status", 16);
        Status status = statusText == null ? null : PolicyEvaluation.parse(Status.class, statusText).orElse(null);
        if (statusText != null && status == null) {
            policy.reject(policy.field("status"), "must be pass or fail");
        } else if (status != null && finalAction != null && status != finalAction.status()) {
            policy.reject(policy.field("status"), "must be " + finalAction.status().apiName() + " when final_action is "
                    + finalAction.apiName() + " (go and warn pass, stop fails)");
        }
        String policyId = policy.optionalText("policy_id", 255);
        if (policyId != null && policyId.isBlank()) {
            policy.reject(policy.field("policy_id"), "must not be empty (leave it out instead)");
        }
        return finalAction == null ? null : new PolicyEvaluation(finalAction.status(), finalAction, policyId);
    }

    private static Vulnerability vulnerability(JsonInput entry) {
        String id = entry.requiredText("id", Fields.ID);
        Severity severity = Fields.severity(entry, "severity");
        String name = entry.requiredText("package", Fields.PACKAGE);
        String version = entry.requiredText("version", Fields.VERSION);
        String type = entry.optionalText("type", Fields.TYPE);
        List<String> fixes = entry.optionalTextList("fix_versions", Fields.MAX_FIX_VERSIONS, Fields.VERSION);
        String url = entry.optionalText("url", Fields.URL);
        String feedGroup = entry.optionalText("feed_group", Fields.FEED_GROUP);
        return Fields.vulnerability(id, severity, name, version, type, fixes, url, feedGroup);
    }
}
