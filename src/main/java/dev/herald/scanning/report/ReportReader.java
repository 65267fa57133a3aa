package dev.herald.scanning.report;

import dev.herald.validation.JsonInput;

/**
 * Reads one format of scan report into a {@link ScanReport}, recording every field it cannot take in
 * the input (with the field's path) rather than stopping at the first.
 */
public sealed interface ReportReader permits NormalizedReportReader, GrypeReportReader, TrivyReportReader {

    /** The most vulnerabilities one report may hold. */
    int MAX_VULNERABILITIES = 100_000;

    ScanReport read(JsonInput report);
}
