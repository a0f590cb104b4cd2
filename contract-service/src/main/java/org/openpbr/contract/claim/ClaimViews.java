package org.openpbr.contract.claim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.csv.CsvTable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Claims files as the API shows them. */
public final class ClaimViews {

    private ClaimViews() {
    }

    @Schema(name = "ClaimFile", description = "A claims file as kept. The current file of a month is the one statements read; earlier ones are superseded, and kept.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record File(@Schema(required = true) UUID id, @Schema(required = true) int period,
            @Schema(required = true) int lines, @Schema(required = true, description = "SHA-256 of the file as sent.") String contentHash,
            @Schema(required = true) String uploadedBy, @Schema(required = true) String uploadedOrg,
            @Schema(required = true) Instant uploadedAt, Instant supersededAt, @Schema(required = true) boolean current) {
    }

    @Schema(name = "ClaimFileList")
    public record FileList(@Schema(required = true) List<File> items) {
    }

    /** The current file's lines, as the provider sent them. */
    public record Lines(String reference, int period, List<ClaimQueries.Line> lines) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return ClaimCsv.COLUMNS;
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (ClaimQueries.Line l : lines) {
                rows.add(Arrays.asList(l.localId(), l.code(), l.from().toString(), l.to().toString()));
            }
            return rows;
        }

        @Override
        public String csvName() {
            return ("claims-" + reference + "-m" + period).replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }
}
