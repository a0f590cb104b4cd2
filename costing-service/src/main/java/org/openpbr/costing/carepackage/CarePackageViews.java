package org.openpbr.costing.carepackage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.costing.carepackage.rule.InterventionRules;
import org.openpbr.costing.carepackage.rule.PackageCosting;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.validation.CrossFieldChecked;
import org.openpbr.platform.validation.CrossFieldRules;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the care package API takes and returns. */
public final class CarePackageViews {

    private CarePackageViews() {
    }

    /** Where an intervention happens, as the API names it (the costing rule has its own). */
    @Schema(name = "InterventionSetting")
    public enum Setting {
        COMMUNITY, WARD
    }

    @Schema(name = "CarePackageIntervention", description = "One intervention of a package: it happens `times` every `everyWeeks` weeks for `durationWeeks` weeks.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @CrossFieldChecked
    public record Intervention(@Schema(required = true, description = "e.g. Care coordination, CBT group, Crisis admission") @NotBlank @Size(max = 200, message = "must be 1-200 characters") String name,
            @Schema(required = true, description = "COMMUNITY (staff time) or WARD (nights in an inpatient ward)") @NotNull Setting setting,
            @Schema(description = "Community care: the staff group, spelt as in your care contacts and group sessions (its cost per minute comes from them).") @Size(max = 64, message = "must be 1-64 characters, spelt as in your activity files") String staffGroup,
            @Schema(description = "Community care: minutes of staff time per occurrence, 1-1440.") @Min(1) @Max(1440) Integer minutes,
            @Schema(description = "How many times (or nights) every everyWeeks weeks, 1-366; default 1.") @Min(1) @Max(366) Integer times,
            @Schema(description = "1-104; default 1 (weekly). 2 is fortnightly; equal to durationWeeks means once.") @Min(1) @Max(104) Integer everyWeeks,
            @Schema(description = "For how many weeks, 1 to the package's weeks; default the package's weeks.") @Min(1) @Max(104) Integer durationWeeks,
            @Schema(description = "Community care: people sharing each occurrence (a group), 1-60; default 1.") @Min(1) @Max(60) Integer groupSize,
            @Schema(description = "A core intervention (default) or an optional one.") Boolean core) implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            return InterventionRules.bySetting(setting == null ? null : PackageCosting.Setting.valueOf(setting.name()),
                    staffGroup, minutes, groupSize);
        }
    }

    @Schema(name = "NewCarePackage")
    @CrossFieldChecked
    public record Definition(@Schema(required = true) @NotBlank @Size(max = 200, message = "must be 1-200 characters") String name,
            @Schema(required = true, description = "The length the package describes, in weeks (1-104), e.g. the code's review period.") @NotNull @Min(1) @Max(104) Integer weeks,
            @Schema(description = "At most 2000 characters.") @Size(max = 2000, message = "must be at most 2000 characters") String note,
            @Schema(required = true, description = "1-50 interventions") @NotNull @Size(min = 1, max = InterventionRules.MAX_INTERVENTIONS, message = "must hold 1-{max} interventions") List<@NotNull @Valid Intervention> interventions)
            implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            List<Integer> durations = interventions == null ? List.of()
                    : interventions.stream().map(i -> i == null ? null : i.durationWeeks()).toList();
            return InterventionRules.withinPackage(weeks, durations);
        }
    }

    @Schema(name = "CarePackage", description = "A code's care package, one version of it. Send its ETag in If-Match to change or retire it.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Package(@Schema(required = true) String code, @Schema(required = true) int version,
            @Schema(required = true) String name, @Schema(required = true) int weeks, String note,
            @Schema(required = true) List<Intervention> interventions, @Schema(required = true) Instant createdAt,
            @Schema(required = true) String createdBy) {
    }

    @Schema(name = "CarePackageList")
    public record PackageList(@Schema(required = true) List<Package> items) {
    }

    @Schema(name = "StaffRate", description = "A staff group's cost per minute in a run: the community cost allocated to its activity (direct and support apportioned, clustered or not) over its minutes (a group session's minutes shared among attendees).")
    public record StaffRate(@Schema(required = true) String staffGroup, @Schema(required = true) BigDecimal cost,
            @Schema(required = true) BigDecimal minutes, @Schema(required = true, description = "cost / minutes, 4 decimal places.") BigDecimal costPerMinute) {
    }

    @Schema(name = "BedDayRate", description = "The run's ward cost over its occupied bed days.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BedDayRate(@Schema(required = true) BigDecimal cost, @Schema(required = true) long bedDays,
            @Schema(description = "cost / bedDays, 4 decimal places; absent with no bed days.") BigDecimal costPerBedDay) {
    }

    @Schema(name = "CostedIntervention")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CostedIntervention(@Schema(required = true) String name, @Schema(required = true) String setting,
            String staffGroup, @Schema(required = true) boolean core,
            @Schema(required = true, description = "times x durationWeeks / everyWeeks, 2 decimal places.") BigDecimal occurrences,
            @Schema(required = true, description = "Staff minutes falling to one person (occurrences x minutes / groupSize), or nights.") BigDecimal units,
            @Schema(description = "The run's rate (per minute or per bed day); absent when the run has none.") BigDecimal rate,
            @Schema(description = "units x rate in one exact step, rounded to the penny; absent when the run has no rate.") BigDecimal cost) {
    }

    @Schema(name = "ActualCodeCost", description = "What the code's episodes actually cost in the run.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actual(@Schema(required = true) long episodes, @Schema(required = true) long clusterDays,
            @Schema(required = true) BigDecimal totalCost, BigDecimal costPerClusterDay, BigDecimal costPerEpisode,
            BigDecimal costPerReviewPeriod,
            @Schema(required = true, description = "Cost per cluster day x the package's days: the actual cost of the package's length.") BigDecimal costOverPackageLength,
            @Schema(required = true, description = "The community (non-admitted) part of it.") BigDecimal nonAdmittedOverPackageLength,
            @Schema(required = true, description = "The ward (admitted) part of it.") BigDecimal admittedOverPackageLength) {
    }

    @Schema(name = "CarePackageComparison", description = "A package's bottom-up cost at the run's rates beside the code's actual cost over the same length.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Comparison(@Schema(required = true) String code, @Schema(required = true) int version,
            @Schema(required = true) String name, @Schema(required = true) int weeks,
            @Schema(required = true) List<CostedIntervention> interventions,
            @Schema(required = true) BigDecimal coreCost, @Schema(required = true) BigDecimal optionalCost,
            @Schema(required = true, description = "coreCost + optionalCost: every intervention given.") BigDecimal fullCost,
            @Schema(required = true) BigDecimal communityCost, @Schema(required = true) BigDecimal wardCost,
            @Schema(required = true, description = "False when some intervention has no rate in the run; the sums leave it out and no difference is given.") boolean complete,
            @Schema(required = true, description = "Staff groups (or 'occupied bed day') the run has no rate for.") List<String> missingRates,
            @Schema(description = "Absent when the run has no episode of the code.") Actual actual,
            @Schema(description = "actual.costOverPackageLength - fullCost (complete packages only).") BigDecimal differenceFromFull,
            @Schema(description = "actual.costOverPackageLength - coreCost (complete packages only).") BigDecimal differenceFromCore,
            @Schema(description = "actual.costOverPackageLength / fullCost, 4 decimal places (complete packages only).") BigDecimal actualToFull) {
    }

    @Schema(name = "CarePackageComparisons")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Comparisons(@Schema(required = true) UUID runId, @Schema(required = true) String methodVersion,
            @Schema(required = true) List<StaffRate> staffRates, @Schema(required = true) BedDayRate bedDayRate,
            @Schema(required = true) List<Comparison> packages,
            @Schema(required = true, description = "Codes the run costed that have no package.") List<String> codesWithoutPackage) {
    }
}
