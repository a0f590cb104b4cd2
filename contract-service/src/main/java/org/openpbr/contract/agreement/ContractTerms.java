package org.openpbr.contract.agreement;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.validation.DecimalRange;
import org.openpbr.platform.validation.OdsCode;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A contract version's components, each typed and validated: as the parties write them, as they
 * are stored (JSON in the version), and as they are read back. Percentages are written as percent
 * (75 for 75%), as finance teams write them; the service turns them into shares.
 */
public final class ContractTerms {

    private ContractTerms() {
    }

    static final String CODE = "[0-9A-Za-z]{1,10}";
    static final String CODE_RULE = "must be 1-10 letters or digits, e.g. 04";

    /** What one activity unit is. */
    public enum ActivityUnit {
        /** A cluster episode, up to the code's maximum review period (a costing tariff's REVIEW_PERIOD). */
        CLUSTER_EPISODE,
        /** One day in a cluster. */
        CLUSTER_DAY,
        /** One person on the caseload for a month (capitation), optionally weighted by the code's resource intensity. */
        PERSON_MONTH
    }

    /** Where the activity prices come from. */
    public enum PriceSource {
        TARIFF, LOCAL
    }

    /** Where billable units come from: the caseload clustering feeds, or the provider's claims. */
    public enum UnitsFrom {
        CASELOAD, CLAIMS
    }

    /** Which units the activity component pays. */
    public enum PaymentMode {
        ALL_UNITS, ABOVE_PLAN, ABOVE_AND_BELOW_PLAN
    }

    public enum QualityKind {
        WITHHOLD, BONUS
    }

    /** What the quality percentage is a share of. */
    public enum QualityBase {
        FIXED, CONTRACT_VALUE
    }

    public enum QualitySettlement {
        QUARTERLY, YEAR_END
    }

    public enum IndicatorScale {
        LINEAR, ALL_OR_NOTHING
    }

    public enum IndicatorDirection {
        HIGHER_IS_BETTER, LOWER_IS_BETTER
    }

    /** How a QUERIED unit is paid. */
    public enum QueriedHandling {
        PAY_AND_FLAG, HOLD
    }

    /** How units in code 00, or without an assessment, are treated (rule PV07). */
    public enum UnassessedHandling {
        NOT_PAYABLE, PRICED
    }

    @Schema(name = "ContractTerms", description = "The components of a contract version. Any combination; a contract with none pays nothing.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Terms(
            @Schema(required = true, description = "Shadow mode: only the fixed element is paid; everything else is computed beside it and shown as shadow on every statement.") @NotNull Boolean shadow,
            @Schema(description = "A fixed annual amount in monthly instalments.") @Valid Fixed fixed,
            @Schema(description = "Priced units per code.") @Valid Activity activity,
            @Schema(description = "A quality withhold or bonus over weighted indicators.") @Valid Quality quality,
            @Schema(description = "Bands on the activity variance; needs an activity component.") @Valid RiskShare riskShare,
            @Schema(description = "How payment validation (rule set pv-1) treats this contract's units; defaults apply when absent.") @Valid PaymentValidation validation,
            @Schema(description = "Personal health budgets for chosen codes; needs activity priced per episode or day.") @Valid PersonalBudgets personalBudgets) {
    }

    @Schema(name = "FixedComponent")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fixed(
            @Schema(required = true, description = "In pounds.") @NotNull @DecimalRange(min = "0", max = "1000000000000", maxInclusive = false, scale = 2, message = "must be 0 or more and below 1,000,000,000,000, in pounds with at most two decimals") BigDecimal annualAmount,
            @Schema(description = "Twelve weights, months 1-12 (April to March), in any unit (percent, days); absent for equal twelfths. Instalments follow the weights, rounded down to the penny, with the residual in month 12.") @Size(min = 12, max = 12, message = "must hold 12 weights, one per month") List<@NotNull @DecimalRange(min = "0", max = "1000000", scale = 4, message = "must be 0 to 1,000,000, with at most four decimals") BigDecimal> phasing) {
    }

    @Schema(name = "ActivityComponent")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Activity(
            @Schema(required = true) @NotNull ActivityUnit unit,
            @Schema(required = true, description = "TARIFF: an agreed costing tariff (tariffId); LOCAL: the localPrices list.") @NotNull PriceSource priceSource,
            @Schema(description = "The agreed costing tariff, with TARIFF.") UUID tariffId,
            @Schema(description = "The tariff's version, as read when the terms were written (set by the service).") Integer tariffVersion,
            @Schema(description = "With LOCAL: one price per code (at most 100).") @Size(max = 100, message = "at most 100 prices") List<@NotNull @Valid LocalPrice> localPrices,
            @Schema(description = "PERSON_MONTH only: the capitation rate per person-month, in pounds.") @DecimalRange(min = "0", max = "1000000", scale = 2, message = "must be 0 to 1,000,000, in pounds with at most two decimals") BigDecimal capitationRate,
            @Schema(description = "PERSON_MONTH only: weight the rate by each code's relative resource intensity (from the tariff or the local prices).") Boolean weightByIntensity,
            @Schema(required = true, description = "ALL_UNITS; ABOVE_PLAN (only units beyond plan are paid, as an aligned payment's variable element); ABOVE_AND_BELOW_PLAN (units beyond plan paid, units short of plan deducted).") @NotNull PaymentMode mode,
            @Schema(description = "The share of the price paid (or deducted) for units beyond plan, in percent; default 100.") @DecimalRange(min = "0", max = "100", scale = 4, message = "must be 0 to 100, with at most four decimals") BigDecimal marginalRatePercent,
            @Schema(description = "Plan against actual: a variance beyond this share of plan, either way, is flagged, and a forecast outturn beyond it raises the early-variance warning; in percent, default 5.") @DecimalRange(min = "0", max = "100", scale = 2, message = "must be 0 to 100, with at most two decimals") BigDecimal tolerancePercent) {
    }

    @Schema(name = "LocalPrice")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocalPrice(
            @Schema(required = true) @NotBlank @Pattern(regexp = CODE, message = CODE_RULE) String code,
            @Schema(required = true, description = "Per unit, in pounds.") @NotNull @DecimalRange(min = "0", max = "10000000", scale = 2, message = "must be 0 to 10,000,000, in pounds with at most two decimals") BigDecimal price,
            @Schema(description = "Relative resource intensity, for weighted capitation.") @DecimalRange(min = "0", max = "1000", scale = 4, message = "must be 0 to 1000, with at most four decimals") BigDecimal rri,
            @Schema(description = "The price's parts, adding up to it, for unbundling into a personal budget.") @Size(max = 20, message = "at most 20 components") List<@NotNull @Valid PriceComponent> components) {
    }

    @Schema(name = "PriceComponent")
    public record PriceComponent(@Schema(required = true) @NotBlank @Size(max = 100, message = "must be 1-100 characters") String name,
            @Schema(required = true) @NotNull @DecimalRange(min = "0", max = "10000000", scale = 2, message = "must be 0 to 10,000,000, in pounds with at most two decimals") BigDecimal amount) {
    }

    @Schema(name = "QualityComponent")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Quality(
            @Schema(required = true, description = "WITHHOLD: held back from the payments, then earned; BONUS: paid on top when earned.") @NotNull QualityKind kind,
            @Schema(required = true, description = "In percent of the base, e.g. 2 or 1.25.") @NotNull @DecimalRange(min = "0", minInclusive = false, max = "25", scale = 4, message = "must be more than 0 and at most 25, with at most four decimals") BigDecimal ratePercent,
            @Schema(description = "FIXED (the fixed element, the default) or CONTRACT_VALUE (fixed plus planned activity value).") QualityBase base,
            @Schema(required = true) @NotNull QualitySettlement settlement,
            @Schema(required = true, description = "1-15 weighted indicators.") @NotNull @Size(min = 1, max = 15, message = "must hold 1-15 indicators") List<@NotNull @Valid Indicator> indicators) {
    }

    @Schema(name = "QualityIndicator")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Indicator(
            @Schema(required = true, description = "The measure's id, as outcomes-service (or the evidence) reports it.") @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "must be 1-64 letters, digits or . _ - (starting with a letter or digit)") String measureId,
            @Schema(required = true, description = "Positive; the pot is shared in proportion.") @NotNull @DecimalRange(min = "0", minInclusive = false, max = "1000", scale = 4, message = "must be more than 0 and at most 1000, with at most four decimals") BigDecimal weight,
            @Schema(required = true) @NotNull @DecimalRange(min = "-1000000000", max = "1000000000", scale = 6, message = "must be a number of at most 1,000,000,000 either way, with at most six decimals") BigDecimal target,
            @Schema(description = "Required with LINEAR: achievement at or beyond the floor's worse side earns nothing.") @DecimalRange(min = "-1000000000", max = "1000000000", scale = 6, message = "must be a number of at most 1,000,000,000 either way, with at most six decimals") BigDecimal floor,
            @Schema(required = true) @NotNull IndicatorScale scale,
            @Schema(required = true) @NotNull IndicatorDirection direction) {
    }

    @Schema(name = "RiskShareComponent")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RiskShare(
            @Schema(required = true, description = "Bands for actual above plan, the first from 0, in rising order.") @NotNull @Size(min = 1, max = 10, message = "must hold 1-10 bands") List<@NotNull @Valid Band> over,
            @Schema(required = true, description = "Bands for actual below plan, the first from 0, in rising order.") @NotNull @Size(min = 1, max = 10, message = "must hold 1-10 bands") List<@NotNull @Valid Band> under,
            @Schema(description = "The most the commissioner pays above plan, in pounds.") @DecimalRange(min = "0", max = "1000000000000", scale = 2, message = "must be 0 or more, in pounds with at most two decimals") BigDecimal overCap,
            @Schema(description = "The most the commissioner recovers below plan, in pounds.") @DecimalRange(min = "0", max = "1000000000000", scale = 2, message = "must be 0 or more, in pounds with at most two decimals") BigDecimal underCap) {
    }

    @Schema(name = "RiskShareBand", description = "From fromPercent of plan to the next band's start, the commissioner pays (over) or recovers (under) sharePercent of the variance.")
    public record Band(
            @Schema(required = true) @NotNull @DecimalRange(min = "0", max = "1000", scale = 4, message = "must be 0 to 1000, with at most four decimals") BigDecimal fromPercent,
            @Schema(required = true) @NotNull @DecimalRange(min = "0", max = "100", scale = 4, message = "must be 0 to 100, with at most four decimals") BigDecimal sharePercent) {
    }

    @Schema(name = "PaymentValidationTerms")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentValidation(
            @Schema(description = "PAY_AND_FLAG (the default: queried units are paid and flagged for audit) or HOLD (not paid until the query is resolved).") QueriedHandling queried,
            @Schema(description = "PV09: an allocation recorded more than this many days after its assessment or the episode's start is queried; default 14.") @Min(value = 0, message = "must be a whole number from 0 to 365") @Max(value = 365, message = "must be a whole number from 0 to 365") Integer allocationLagDays,
            @Schema(description = "PV05: providers with which concurrent care is allowed (the same days are not queried).") @Size(max = 50, message = "at most 50 providers") List<@NotBlank @OdsCode String> concurrentCareWith,
            @Schema(description = "PV07: NOT_PAYABLE (the default) or PRICED at the price of code 00.") UnassessedHandling unassessed,
            @Schema(description = "CASELOAD (the default: units are the provider's cluster episodes for the commissioner) or CLAIMS (a provider that invoices: units are the lines of its claims files, each matched against its episodes).") UnitsFrom unitsFrom) {
    }

    @Schema(name = "PersonalBudgetTerms")
    public record PersonalBudgets(
            @Schema(required = true, description = "The codes for which a person may hold a budget.") @NotNull @Size(min = 1, max = 50, message = "must hold 1-50 codes") List<@NotBlank @Pattern(regexp = CODE, message = CODE_RULE) String> codes,
            @Schema(required = true, description = "The price components that are person-directed: the budget is their part of the price.") @NotNull @Size(min = 1, max = 20, message = "must hold 1-20 components") List<@NotBlank @Size(max = 100, message = "must be 1-100 characters") String> components) {
    }
}
