package dev.herald.scanning;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Where an image runs now, from the latest runtime inventory report of each cluster: for runtime
 * alerts, whose scopes are predicates over these label sets.
 */
public final class RunningImages implements RuntimeLabels {

    private final Jdbi jdbi;
    private final RuntimeInventoryRepository inventory;

    public RunningImages(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.inventory = new RuntimeInventoryRepository(json);
    }

    /**
     * The distinct label sets of the account's containers running the image (each with
     * {@code container.image}, keys sorted); empty when it runs nowhere. A container that reported a
     * digest runs the image if the digest is the same (whatever tag it was started by); one that
     * reported none, if registry, repository and tag are the same. An image without a tag (named by
     * digest only) matches by digest only; one without a digest, by tag only.
     */
    @Override
    public List<Map<String, String>> whereRunning(String account, ImageReference image) {
        return jdbi.withHandle(handle -> inventory.labelsWhereRunning(handle, account, image));
    }
}
