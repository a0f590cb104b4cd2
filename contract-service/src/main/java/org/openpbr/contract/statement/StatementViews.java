package org.openpbr.contract.statement;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.csv.CsvPage;
import org.openpbr.platform.csv.CsvTable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Statements as the API shows them. */
public final class StatementViews {

    private StatementViews() {
    }

    @Schema(name = "StatementRequest")
    public record Request(@Schema(required = true, description = "1-12 (April to March), or 13 for the year end.") @NotNull @Min(value = 1, message = "must be 1-13") @Max(value = 13, message = "must be 1-13") Integer month,
            @Schema(description = "CHANGED (the default) judges again only the units whose inputs changed since the previous statement (their episode, allocation, another provider's episodes of the person, an accepted query, a personal budget), and the month's new units; the rest stand as last stated. ALL judges every unit of the year to date again. Both give the same statement: ALL is there to check that.", enumeration = { "CHANGED", "ALL" }, defaultValue = "CHANGED")
            @jakarta.validation.constraints.Pattern(regexp = "CHANGED|ALL", message = "must be CHANGED or ALL") String judge) {

        public boolean judgeAll() {
            return "ALL".equals(judge);
        }
    }

    @Schema(name = "StatementLine", description = "quantity x price x rate, rounded once to the penny, is the amount (an adjustment pays what is now due less what was issued; a risk-share line the year's balance). Shadow lines are shown beside the paid ones and left out of the total.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(@Schema(required = true) int line,
            @Schema(required = true, enumeration = { "FIXED", "ACTIVITY", "ADJUSTMENT", "QUALITY_WITHHOLD", "QUALITY_EARNED", "RISK_SHARE", "FIXED_BALANCE", "PERSONAL_BUDGET" }) String kind,
            @Schema(required = true, description = "The month the line pays for: an adjustment's is an earlier month.") int forMonth,
            String code, BigDecimal quantity, BigDecimal price, BigDecimal rate, @Schema(required = true) BigDecimal amount,
            @Schema(required = true) boolean shadow, @Schema(required = true) String detail) {
    }

    @Schema(name = "StatementUnits", description = "How many units the statement judged, by verdict.")
    public record UnitCounts(@Schema(required = true) int payable, @Schema(required = true) int queried,
            @Schema(required = true) int rejected, @Schema(required = true, description = "Units each rule of the rule set fired on.") Map<String, Long> byRule,
            @Schema(required = true, description = "Units an earlier statement stated that no longer belong to the contract (their episode moved to another commissioner, out of the contract's teams or out of the year): the adjustments take back what they were paid.") int withdrawn) {
    }

    @Schema(name = "StatementSource", description = "What the statement was computed from, so that it can be reproduced.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(@Schema(required = true) int contractVersion, @Schema(required = true) String ruleSet,
            @Schema(description = "clustering-service's feed position the units were read at.") String feedPosition,
            @Schema(description = "When that feed was last read: the data as of.") Instant dataAsOf,
            java.util.UUID tariffId, Integer tariffVersion,
            @Schema(required = true, description = "Units count up to this day (open episodes run to it).") LocalDate unitsUpTo) {
    }

    @Schema(name = "Statement", description = "A monthly statement (payment on account) or the year end (month 13). DRAFT may be recomputed; ISSUED never changes and carries its content hash.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Statement(@Schema(required = true) java.util.UUID contractId, @Schema(required = true) String reference,
            @Schema(required = true) String commissionerCode, @Schema(required = true) String providerCode,
            @Schema(required = true) String financialYear, @Schema(required = true) int month,
            @Schema(required = true, enumeration = { "DRAFT", "ISSUED" }) String status, @Schema(required = true) int revision,
            @Schema(required = true) boolean shadowMode, @Schema(required = true) Source source,
            @Schema(required = true) List<Line> lines, @Schema(required = true, description = "The sum of the paid (not shadow) lines.") BigDecimal total,
            @Schema(required = true, description = "The sum of the shadow lines.") BigDecimal shadowTotal,
            @Schema(required = true, description = "The sum of the personal budget lines: paid to the people's budgets, not the provider, so not in the total (in shadow mode, what they would be).") BigDecimal budgetTotal,
            @Schema(required = true) UnitCounts units, @Schema(required = true) Instant computedAt,
            @Schema(required = true) String computedBy,
            @Schema(description = "SHA-256 of the issued content (month, version, source, lines, totals).") String contentHash,
            Instant issuedAt, String issuedBy, @Schema(required = true) URI unitsHref) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("financial_year", "month", "line", "kind", "for_month", "code", "quantity", "price", "rate",
                    "amount", "shadow", "detail");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (Line l : lines) {
                rows.add(java.util.Arrays.asList(financialYear, month, l.line(), l.kind(), l.forMonth(), l.code(),
                        plain(l.quantity()), plain(l.price()), plain(l.rate()), plain(l.amount()), l.shadow(), l.detail()));
            }
            return rows;
        }

        @Override
        public String csvName() {
            return ("statement-" + reference + "-m" + month).replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }

    @Schema(name = "StatementSummary")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(@Schema(required = true) int month, @Schema(required = true) String status,
            @Schema(required = true) BigDecimal total, @Schema(required = true) BigDecimal shadowTotal,
            @Schema(required = true) Instant computedAt, Instant issuedAt, String contentHash,
            @Schema(required = true) URI href) {
    }

    @Schema(name = "StatementList")
    public record SummaryList(@Schema(required = true) List<Summary> items) {
    }

    @Schema(name = "StatementReason")
    public record Reason(@Schema(required = true) String rule, @Schema(required = true) int version,
            @Schema(required = true) String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "StatementUnit", description = "One billable unit and its verdict, with the evidence used. The person is the commissioner's pseudonym for the commissioner, the provider's local id for the provider.")
    public record Unit(@Schema(required = true) String key, @Schema(required = true) int month,
            @Schema(required = true) String code, @Schema(required = true) BigDecimal quantity,
            @Schema(required = true, enumeration = { "PAYABLE", "QUERIED", "REJECTED" }) String status,
            @Schema(required = true) boolean paid,
            @Schema(description = "Absent when the unit names no one this party knows: a claim with no episode of the commissioner's, seen by the commissioner.") String person,
            @Schema(required = true) List<Reason> reasons, @Schema(required = true) Map<String, String> evidence,
            @Schema(description = "The personal budget the person held for the unit, if any.") java.util.UUID budgetId) {
    }

    @Schema(name = "StatementUnitPage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnitPage(@Schema(required = true) List<Unit> items, URI next) implements CsvPage {

        @Override
        public List<String> csvHeader() {
            return List.of("key", "month", "code", "quantity", "status", "paid", "person", "rules", "episode_id",
                    "allocation_id", "from", "to", "suggested_code", "detail");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (Unit u : items) {
                rows.add(java.util.Arrays.asList(u.key(), u.month(), u.code(), plain(u.quantity()), u.status(), u.paid(),
                        u.person(), String.join(" ", u.reasons().stream().map(Reason::rule).toList()),
                        u.evidence().get("episodeId"), u.evidence().get("allocationId"), u.evidence().get("from"),
                        u.evidence().get("to"), u.evidence().get("suggestedCode"),
                        String.join("; ", u.reasons().stream().map(Reason::detail).toList())));
            }
            return rows;
        }

        @Override
        public String csvName() {
            return "statement-units";
        }
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
