package dev.herald.scanning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A container of a runtime inventory report.
 *
 * @param reference the image as reported ({@code nginx:1.25}), the unscanned event's resource id
 * @param image     the reference normalised, with the running digest when one was reported
 * @param labels    the container's labels, keys sorted, {@code container.image} included
 */
public record RunningContainer(String reference, ImageReference image, SortedMap<String, String> labels) {

    public static final String CLUSTER_LABEL = "kubernetes.cluster.name";
    public static final String IMAGE_LABEL = "container.image";

    public RunningContainer {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** The cluster it runs in; '' for a container reported without {@code kubernetes.cluster.name}. */
    public String cluster() {
        return labels.getOrDefault(CLUSTER_LABEL, "");
    }

    /** What identifies the running image: its digest, or its tag when the report gave no digest. */
    public String imageKey() {
        return image.digest() != null ? image.digest() : image.tagged();
    }

    /** What identifies the scope it runs in: the SHA-256 of its whole label set. */
    public String scopeKey() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> label : labels.entrySet()) {
                // lengths first, so no two label sets make the same bytes
                sha.update((label.getKey().length() + ":" + label.getKey() + label.getValue().length() + ":"
                        + label.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
