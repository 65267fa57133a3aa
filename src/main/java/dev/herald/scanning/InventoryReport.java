package dev.herald.scanning;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A runtime inventory report: the containers running now in the clusters it covers.
 *
 * @param namedClusters clusters the report names besides those of its containers: a cluster named
 *                      with no container left running is emptied
 */
public record InventoryReport(List<RunningContainer> containers, List<String> namedClusters) {

    public InventoryReport {
        containers = List.copyOf(containers);
        namedClusters = List.copyOf(namedClusters);
    }

    /** Every cluster whose inventory the report replaces, sorted (the order their rows are locked in). */
    public SortedSet<String> clusters() {
        SortedSet<String> clusters = new TreeSet<>(namedClusters);
        containers.forEach(container -> clusters.add(container.cluster()));
        return clusters;
    }
}
