package dev.herald.scanning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Tables runtime_clusters, runtime_containers (each container's labels as a JSON object) and
 * runtime_unscanned_notices. Every method works in the caller's transaction.
 */
final class RuntimeInventoryRepository {

    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    RuntimeInventoryRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Records a report of the cluster, creating its row the first time. The row stays locked until the
     * transaction ends, so two reports of one cluster replace its containers one after the other.
     */
    void touchCluster(Handle handle, String account, String cluster, Instant at) {
        int updated = handle.createUpdate("UPDATE runtime_clusters SET reported_at = :at "
                        + "WHERE account_name = :account AND cluster_name = :cluster")
                .bind("at", at.atOffset(ZoneOffset.UTC)).bind("account", account).bind("cluster", cluster)
                .execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO runtime_clusters (account_name, cluster_name, reported_at) VALUES (:account, :cluster, :at)")
                    .bind("at", at.atOffset(ZoneOffset.UTC)).bind("account", account).bind("cluster", cluster)
                    .execute();
        }
    }

    void replaceContainers(Handle handle, String account, Collection<String> clusters, List<RunningContainer> containers) {
        handle.createUpdate("DELETE FROM runtime_containers WHERE account_name = :account AND cluster_name IN (<clusters>)")
                .bind("account", account)
                .bindList("clusters", List.copyOf(clusters))
                .execute();
        if (containers.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO runtime_containers (account_name, cluster_name, image_reference, "
                + "registry, repository, tag, digest, labels) VALUES (:account, :cluster, :reference, :registry, :repository, "
                + ":tag, :digest, :labels)");
        for (RunningContainer container : containers) {
            batch.bind("account", account)
                    .bind("cluster", container.cluster())
                    .bind("reference", container.reference())
                    .bindMethods(container.image())
                    .bind("labels", write(container.labels()))
                    .add();
        }
        batch.execute();
    }

    /**
     * The label sets of the containers running the image: by digest when the image and the container
     * both name one, else by registry, repository and tag.
     */
    List<Map<String, String>> labelsWhereRunning(Handle handle, String account, ImageReference image) {
        String byTag = "registry = :registry AND repository = :repository AND tag = :tag";
        String match = image.digest() == null ? byTag
                : image.tag() == null ? "digest = :digest"
                : "(digest = :digest OR digest IS NULL AND " + byTag + ")";
        return handle.createQuery("SELECT labels FROM runtime_containers WHERE account_name = :account AND " + match
                        + " ORDER BY id")
                .bind("account", account)
                .bindMethods(image)
                .mapTo(String.class)
                .stream()
                .distinct()
                .map(this::read)
                .toList();
    }

    boolean noticed(Handle handle, String account, RunningContainer container) {
        return handle.createQuery("SELECT COUNT(*) FROM runtime_unscanned_notices "
                        + "WHERE account_name = :account AND image_key = :image AND scope_key = :scope")
                .bind("account", account).bind("image", container.imageKey()).bind("scope", container.scopeKey())
                .mapTo(Integer.class).one() > 0;
    }

    void recordNotice(Handle handle, String account, RunningContainer container, String eventId, Instant at) {
        handle.createUpdate("INSERT INTO runtime_unscanned_notices (account_name, image_key, scope_key, event_id, noticed_at) "
                        + "VALUES (:account, :image, :scope, :event, :at)")
                .bind("account", account).bind("image", container.imageKey()).bind("scope", container.scopeKey())
                .bind("event", eventId).bind("at", at.atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** A scanned image is no longer unscanned anywhere: whether it ran by its digest or by its tag. */
    void forgetUnscanned(Handle handle, String account, ImageReference scanned) {
        handle.createUpdate("DELETE FROM runtime_unscanned_notices WHERE account_name = :account AND image_key IN (:digest, :tagged)")
                .bind("account", account).bind("digest", scanned.digest()).bind("tagged", scanned.tagged())
                .execute();
    }

    private String write(Map<String, String> labels) {
        try {
            return json.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> read(String labels) {
        try {
            return Collections.unmodifiableMap(json.readValue(labels, LABELS));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
