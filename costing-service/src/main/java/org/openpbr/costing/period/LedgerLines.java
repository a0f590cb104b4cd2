package org.openpbr.costing.period;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.csv.CsvPage;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The period's ledger as loaded, read back line by line with the upload it came from. */
@Schema(name = "LedgerLinePage", description = "The period's ledger lines in force, in the order of their file, with the upload that loaded them (absent, and no lines, when no ledger is loaded).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerLines(@Schema(required = true) String period, UploadView upload,
        @Schema(required = true) List<Line> items, URI next) implements CsvPage {

    @Schema(name = "LedgerLine")
    public record Line(@Schema(required = true, description = "The line's number in its file (the header is line 1).") int line,
            @Schema(required = true) String costCentre, @Schema(required = true) String costCentreName,
            @Schema(required = true) String expenseType, @Schema(required = true) boolean socialCare,
            @Schema(required = true) BigDecimal amount) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("line", "cost_centre", "cost_centre_name", "expense_type", "social_care", "amount", "upload_id");
    }

    @Override
    public List<List<Object>> csvRows() {
        return items.stream().map(l -> Arrays.<Object>asList(l.line(), l.costCentre(), l.costCentreName(),
                l.expenseType(), l.socialCare(), l.amount(), upload.id())).toList();
    }

    @Override
    public String csvName() {
        return "ledger-" + period;
    }
}
