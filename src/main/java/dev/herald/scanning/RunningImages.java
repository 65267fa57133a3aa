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
     * reported none, if registry, repository and tag are the same. The parts are as in an event's
     * {@code details.image}: normalised ({@code docker.io}, {@code library/alpine}).
     *
     * @param tag    null to match by digest only
     * @param digest null to match by tag only
     */
    public List<Map<String, String>> whereRunning(String account, String registry, String repository, String tag,
            String digest) {
        ImageReference image = new ImageReference(registry, repository, tag, digest);
        return jdbi.withHandle(handle -> inventory.labelsWhereRunning(handle, account, image));
    }

    /** For alert evaluation: an event's image, whose tag is empty when the event names a digest only. */
    @Override
    public List<Map<String, String>> whereRunning(String account, ImageRef image) {
        return whereRunning(account, image.registry(), image.repository(), image.tag().isEmpty() ? null : image.tag(),
                image.digest());
    }
}
