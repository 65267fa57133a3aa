package dev.herald.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One phase of the ingestion benchmark on one database: {@code alone} (no configuration, nothing
 * to deliver) or {@code delivering} (the pipeline delivering to {@code configurations} meanwhile,
 * {@code notificationsPerSecond} of them while the posts went on). Request times are of one
 * {@code POST /v2/events} each, from send to answer. CPU is per event posted, of Herald's JVM and
 * of PostgreSQL's processes (null on H2, which runs in Herald's JVM), during the posts. Figures
 * not reached are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IngestionResult(
        String database,
        String phase,
        int configurations,
        int events,
        int batch,
        int clients,
        Integer requests,
        Double seconds,
        @JsonProperty("events_per_second") Long eventsPerSecond,
        @JsonProperty("request_p50_ms") Long requestP50,
        @JsonProperty("request_p99_ms") Long requestP99,
        @JsonProperty("request_max_ms") Long requestMax,
        @JsonProperty("notifications_per_second") Long notificationsPerSecond,
        @JsonProperty("herald_cpu_ms_per_event") Double heraldCpuMsPerEvent,
        @JsonProperty("database_cpu_ms_per_event") Double databaseCpuMsPerEvent,
        @JsonProperty("load_average") Double loadAverage,
        String error) {

    static IngestionResult failed(String database, String phase, int configurations, IngestionOptions options,
            String error) {
        return new IngestionResult(database, phase, configurations, options.events(), options.batch(),
                options.clients(), null, null, null, null, null, null, null, null, null, null, error);
    }
}
