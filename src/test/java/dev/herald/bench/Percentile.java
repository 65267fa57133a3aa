package dev.herald.bench;

/** Nearest-rank percentiles of sorted durations. */
final class Percentile {

    private Percentile() {
    }

    /** The nearest-rank {@code quantile} (0.5, 0.99, 1.0) of sorted nanoseconds, in milliseconds; -1 when there are none. */
    static long millis(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(quantile * sortedNanos.length);
        return Math.round(sortedNanos[Math.max(0, rank - 1)] / 1e6);
    }
}
