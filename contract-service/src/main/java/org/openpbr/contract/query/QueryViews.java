package org.openpbr.contract.query;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.validation.CrossFieldChecked;
import org.openpbr.platform.validation.CrossFieldRules;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Queries as the API takes and shows them. */
public final class QueryViews {

    private QueryViews() {
    }

    @Schema(name = "QueryRequest", description = "Raise queries on units of a statement: the units named, or every unit a rule flagged in it.")
    @CrossFieldChecked
    public record Raise(@Schema(required = true, description = "The statement's month (1-13).") @NotNull @Min(value = 1, message = "must be 1-13") @Max(value = 13, message = "must be 1-13") Integer month,
            @Schema(description = "Unit keys, as the statement's units list them (at most 1000).") @Size(min = 1, max = 1000, message = "must hold 1-1000 unit keys") List<@NotBlank @Size(max = 200, message = "must be at most 200 characters") String> units,
            @Schema(description = "Or: every unit this rule flagged in the statement, e.g. PV10.") @Pattern(regexp = "PV(0[1-9]|10)", message = "must be a rule of pv-1, PV01 to PV10") String rule,
            @Schema(required = true, description = "Why; at most 2000 characters.") @NotBlank @Size(max = 2000, message = "must be 1-2000 characters") String reason)
            implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            return (units == null) == (rule == null) ? List.of(new FieldError("units", "name the units, or a rule, not both"))
                    : List.of();
        }
    }

    @Schema(name = "QueryStepRequest")
    public record StepRequest(@Schema(description = "The note or evidence (required to contest or escalate); at most 4000 characters.") @Size(max = 4000, message = "must be at most 4000 characters") String note) {
    }

    @Schema(name = "QueryStep")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(@Schema(required = true) int step, @Schema(required = true) String action,
            @Schema(required = true) String by, @Schema(required = true) String orgCode, @Schema(required = true) Instant at,
            String note) {
    }

    @Schema(name = "UnitQuery")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Query(@Schema(required = true) UUID id, @Schema(required = true) UUID contractId,
            @Schema(required = true, description = "The statement month it was raised from.") int month,
            @Schema(required = true) String unitKey, @Schema(required = true) int unitMonth,
            @Schema(required = true) String code, String rule, @Schema(required = true) String reason,
            @Schema(required = true, enumeration = { "RAISED", "ACCEPTED", "CONTESTED", "WITHDRAWN", "ESCALATED" }) String status,
            @Schema(required = true, description = "Whole days since it was raised.") long ageDays,
            @Schema(required = true) Instant raisedAt, @Schema(required = true) String raisedBy,
            @Schema(required = true) Instant updatedAt, @Schema(description = "With a single query: its steps.") List<Step> steps) {
    }

    @Schema(name = "UnitQueryList")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueryList(@Schema(required = true) List<Query> items, URI next) {
    }

    @Schema(name = "QueriesRaised")
    public record Raised(@Schema(required = true) int raised,
            @Schema(required = true, description = "Units that already had a query in progress (or accepted), left as they were.") int alreadyQueried,
            @Schema(required = true) List<Query> items) {
    }
}
