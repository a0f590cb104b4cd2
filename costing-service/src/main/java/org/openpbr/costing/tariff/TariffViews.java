package org.openpbr.costing.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.costing.run.RunViews;
import org.openpbr.costing.tariff.rule.ProposalRules;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.validation.CrossFieldChecked;
import org.openpbr.platform.validation.CrossFieldRules;
import org.openpbr.platform.validation.DecimalRange;
import org.openpbr.platform.validation.OdsCode;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the tariff API takes and returns. */
public final class TariffViews {

    private TariffViews() {
    }

    @Schema(name = "PlannedActivity", description = "One code's planned units for the tariff's period, and how many of them carry each top-up flag.")
    public record PlannedActivity(@Schema(required = true) @NotBlank String code,
            @Schema(required = true, description = "Cluster days, or review periods, planned; at most two decimals.") @NotNull @DecimalRange(min = "0", max = "1000000000", maxInclusive = false, scale = 2, message = "must be 0 or more, below 1,000,000,000, with at most two decimals") BigDecimal units,
            @Schema(description = "Units carrying each top-up flag, e.g. {\"DEAFNESS\": 40}; each at most units.") Map<String, @NotNull @DecimalRange(min = "0", scale = 2, message = "must be 0 or more, with at most two decimals") BigDecimal> flaggedUnits) {
    }

    @Schema(name = "TopUp", description = "A percentage uplift on the price of units carrying the flag (co-morbidity, specialist needs such as deafness or acquired brain injury).")
    public record TopUp(@Schema(required = true, description = "e.g. DEAFNESS") @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,39}", message = "must be 1-40 capital letters, digits or _, e.g. DEAFNESS") String flag,
            @Schema(required = true, description = "Uplift in percent, more than 0 and at most 500.") @NotNull @DecimalRange(min = "0", minInclusive = false, max = "500", scale = 4, message = "must be more than 0 and at most 500, with at most four decimals") BigDecimal upliftPercent) {
    }

    @Schema(name = "TariffProposal")
    @CrossFieldChecked
    public record Proposal(@Schema(required = true, description = "The tariff's name; versions of one tariff share it, e.g. 2026-27 local tariff.") @NotBlank @Size(max = 200, message = "must be 1-200 characters") String name,
            @Schema(required = true, description = "The costing run the unit costs come from.") @NotNull UUID runId,
            @Schema(required = true, description = "CLUSTER_DAY or REVIEW_PERIOD (a cluster episode's review period)") @NotNull TariffUnit unit,
            @Schema(description = "One commissioner's tariff; absent for a trust-wide tariff.") @OdsCode String commissionerCode,
            @Schema(required = true) @NotNull LocalDate validFrom,
            @Schema(required = true, description = "On or after validFrom; a tariff is valid for at most three years (1098 days).") @NotNull LocalDate validTo,
            @Schema(required = true, description = "The current contract value to stay neutral against, in pounds.") @NotNull @DecimalRange(min = "0", minInclusive = false, max = "1000000000000", maxInclusive = false, scale = 2, message = "must be more than 0 and below 1,000,000,000,000, in pounds with at most two decimals") BigDecimal contractValue,
            @Schema(description = "Efficiency factor in percent (0 up to 100, default 0): prices add up to contractValue x (1 - efficiency).") @DecimalRange(min = "0", max = "100", maxInclusive = false, scale = 4, message = "must be at least 0 and below 100, with at most four decimals") BigDecimal efficiencyPercent,
            @Schema(description = "Must match the run's option (default: the run's); social care cannot be left out of a run that costed it, because its overhead moved with it.") Boolean includeSocialCare,
            @Schema(description = "Planned activity per code (1-1000 codes); absent to use the run's actual activity (in scope).") @Size(min = 1, max = 1000, message = "must hold 1-1000 codes, or be absent to use the run's activity") List<@NotNull @Valid PlannedActivity> activity,
            @Schema(description = "Top-ups by flag (at most 20).") @Size(max = 20, message = "at most 20") List<@NotNull @Valid TopUp> topUps)
            implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            List<String> flags = topUps == null ? List.of()
                    : topUps.stream().map(t -> t == null ? null : t.flag()).toList();
            List<ProposalRules.Line> lines = activity == null ? List.of()
                    : activity.stream().map(a -> a == null ? null
                            : new ProposalRules.Line(a.code(), a.units(), a.flaggedUnits())).toList();
            return ProposalRules.faults(validFrom, validTo, flags, lines);
        }
    }

    @Schema(name = "TariffComponent", description = "A part of a price, for unbundling (a personal budget): a staff group's care, ward stays, or support overhead.")
    public record Component(@Schema(required = true) String name, @Schema(required = true) BigDecimal amount) {
    }

    @Schema(name = "TariffPrice")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Price(@Schema(required = true) String code,
            @Schema(required = true, description = "The code's cost per unit in the run, 4 decimal places.") BigDecimal unitCost,
            @Schema(required = true, description = "Relative resource intensity: unitCost / averageUnitCost, 4 decimal places.") BigDecimal rri,
            @Schema(required = true) BigDecimal plannedUnits, @Schema(required = true) Map<String, BigDecimal> flaggedUnits,
            @Schema(required = true, description = "plannedUnits + flagged units x their uplifts: the units the price is paid on.") BigDecimal pricedUnits,
            @Schema(required = true, description = "The price before rounding, 6 decimal places.") BigDecimal exactPrice,
            @Schema(required = true, description = "The price, rounded half-up to the penny.") BigDecimal price,
            @Schema(required = true, description = "The price of a unit carrying each flag: price x (1 + uplift).") Map<String, BigDecimal> topUpPrices,
            @Schema(required = true, description = "price x pricedUnits.") BigDecimal plannedValue,
            @Schema(required = true, description = "The price by component, in pennies adding up to the price.") List<Component> components) {
    }

    @Schema(name = "TariffRun")
    public record RunRef(@Schema(required = true) UUID id, @Schema(required = true) RunViews.PeriodRef period,
            @Schema(required = true) String methodVersion, @Schema(required = true) boolean includeSocialCare) {
    }

    @Schema(name = "Tariff", description = "A local tariff: DRAFT (recalculated with If-Match) or AGREED (immutable; a correction is a new version). "
            + "sum(price x pricedUnits) + roundingResidual = target = contractValue x (1 - efficiency) exactly.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tariff(@Schema(required = true) UUID id, @Schema(required = true) String providerCode,
            @Schema(required = true) String name, @Schema(required = true) int version,
            @Schema(required = true, enumeration = { "DRAFT", "AGREED" }) String status,
            @Schema(required = true) int revision, @Schema(required = true) String pricingMethod,
            @Schema(required = true) RunRef run, @Schema(required = true) String unit,
            @Schema(required = true, enumeration = { "TRUST", "COMMISSIONER" }) String scope, String commissionerCode,
            @Schema(required = true) LocalDate validFrom, @Schema(required = true) LocalDate validTo,
            @Schema(required = true) BigDecimal contractValue, @Schema(required = true) BigDecimal efficiencyPercent,
            @Schema(required = true, description = "contractValue x (1 - efficiencyPercent / 100)") BigDecimal target,
            @Schema(required = true) boolean includeSocialCare,
            @Schema(required = true, description = "PLAN (planned activity given) or RUN (the run's actual activity in scope)", enumeration = { "PLAN", "RUN" }) String activitySource,
            @Schema(required = true) List<TopUp> topUps,
            @Schema(required = true, description = "sum(unitCost x plannedUnits) / sum(plannedUnits), 4 decimal places.") BigDecimal averageUnitCost,
            @Schema(required = true, description = "sum(price x pricedUnits) at the rounded prices.") BigDecimal plannedValue,
            @Schema(required = true, description = "target - plannedValue: what rounding to the penny leaves.") BigDecimal roundingResidual,
            @Schema(required = true) List<Price> prices, @Schema(required = true) Instant createdAt,
            @Schema(required = true) String createdBy, @Schema(required = true) Instant updatedAt,
            @Schema(required = true) String updatedBy, Instant agreedAt, String agreedBy, String agreementNote) {
    }

    @Schema(name = "TariffSummary")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(@Schema(required = true) UUID id, @Schema(required = true) String providerCode,
            @Schema(required = true) String name, @Schema(required = true) int version,
            @Schema(required = true) String status, @Schema(required = true) String unit,
            @Schema(required = true) String scope, String commissionerCode, @Schema(required = true) LocalDate validFrom,
            @Schema(required = true) LocalDate validTo, @Schema(required = true) BigDecimal target,
            @Schema(required = true) Instant updatedAt, Instant agreedAt) {
    }

    @Schema(name = "TariffList")
    public record SummaryList(@Schema(required = true) List<Summary> items) {
    }

    @Schema(name = "TariffAgreement")
    public record Agreement(@Schema(description = "Who agreed it on the commissioner's side, the meeting, the reference; at most 2000 characters.") @Size(max = 2000, message = "must be at most 2000 characters") String note) {
    }
}
