package dev.herald.scanning;

import java.util.List;
import java.util.Map;

/**
 * Where an image runs, as the runtime inventory knows it: one label set (label → value, e.g.
 * {@code kubernetes.namespace.name → prod}) per place it runs. Runtime alerts fire on an image
 * when their scope matches at least one of these sets.
 */
@FunctionalInterface
public interface RuntimeLabels {

    /** The label sets of the places where the account's image runs now; empty when it runs nowhere known. */
    List<Map<String, String>> whereRunning(String account, ImageReference image);
}
