package org.openpbr.costing.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.costing.run.RunViews;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the tariff API takes and returns. */
public final class TariffViews {

    private TariffViews() {
    }

    @Schema(name = "PlannedActivity", description = "One code's planned units for the tariff's period, and how many of them carry each top-up flag.")
    public record PlannedActivity(@Schema(required = true) String code,
            @Schema(required = true, description = "Cluster days, or review periods, planned; at most two decimals.") BigDecimal units,
            @Schema(description = "Units carrying each top-up flag, e.g. {\"DEAFNESS\": 40}; each at most units.") Map<String, BigDecimal> flaggedUnits) {
    }

    @Schema(name = "TopUp", description = "A percentage uplift on the price of units carrying the flag (co-morbidity, specialist needs such as deafness or acquired brain injury).")
    public record TopUp(@Schema(required = true, description = "e.g. DEAFNESS") String flag,
            @Schema(required = true, description = "Uplift in percent, more than 0 and at most 500.") BigDecimal upliftPercent) {
    }

    @Schema(name = "TariffProposal")
    public record Proposal(@Schema(required = true, description = "The tariff's name; versions of one tariff share it, e.g. 2026-27 local tariff.") String name,
            @Schema(required = true, description = "The costing run the unit costs come from.") UUID runId,
            @Schema(required = true, description = "CLUSTER_DAY or REVIEW_PERIOD (a cluster episode's review period)", enumeration = { "CLUSTER_DAY", "REVIEW_PERIOD" }) String unit,
            @Schema(description = "One commissioner's tariff; absent for a trust-wide tariff.") String commissionerCode,
            @Schema(required = true) LocalDate validFrom, @Schema(required = true) LocalDate validTo,
            @Schema(required = true, description = "The current contract value to stay neutral against, in pounds.") BigDecimal contractValue,
            @Schema(description = "Efficiency factor in percent (0 up to 100, default 0): prices add up to contractValue x (1 - efficiency).") BigDecimal efficiencyPercent,
            @Schema(description = "Must match the run's option (default: the run's); social care cannot be left out of a run that costed it, because its overhead moved with it.") Boolean includeSocialCare,
            @Schema(description = "Planned activity per code; absent to use the run's actual activity (in scope).") List<PlannedActivity> activity,
            @Schema(description = "Top-ups by flag.") List<TopUp> topUps) {
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
    public record Agreement(@Schema(description = "Who agreed it on the commissioner's side, the meeting, the reference.") String note) {
    }
}
