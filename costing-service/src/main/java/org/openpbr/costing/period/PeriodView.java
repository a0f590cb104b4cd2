package org.openpbr.costing.period;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

@Schema(name = "CostingPeriod")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeriodView(@Schema(required = true) String code, @Schema(required = true) LocalDate startDate,
        @Schema(required = true) LocalDate endDate,
        @Schema(required = true, description = "The period's months, YYYY-MM.") List<String> months,
        @Schema(description = "The ledger in force; absent until one is loaded.") Ledger ledger,
        @Schema(required = true, description = "Rows of activity in force, by kind.") Activity activity,
        @Schema(required = true) Instant createdAt, @Schema(required = true) String createdBy) {

    @Schema(name = "PeriodLedger")
    public record Ledger(@Schema(required = true) long uploadId, @Schema(required = true) long lines,
            @Schema(required = true) BigDecimal total, @Schema(required = true) BigDecimal socialCare) {
    }

    @Schema(name = "PeriodActivity")
    public record Activity(@Schema(required = true) long contacts, @Schema(required = true) long bedDays,
            @Schema(required = true) long groupSessions) {
    }

    public static List<String> months(LocalDate start, LocalDate end) {
        List<String> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(end)); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        return months;
    }
}
