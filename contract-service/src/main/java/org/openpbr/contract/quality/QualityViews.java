package org.openpbr.contract.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.validation.DecimalRange;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Quality achievement as the API takes and shows it. */
public final class QualityViews {

    private QualityViews() {
    }

    @Schema(name = "AchievementEntry", description = "A measure's achievement for the contract year, with its evidence.")
    public record Entry(
            @Schema(required = true, description = "In the indicator's own unit, e.g. 62.5 (percent).") @NotNull @DecimalRange(min = "-1000000000", max = "1000000000", scale = 6, message = "must be a number of at most 1,000,000,000 either way, with at most six decimals") BigDecimal achieved,
            @Schema(required = true, description = "Where the figure comes from: the report, its date, the query; 1-4000 characters.") @NotBlank @Size(max = 4000, message = "must be 1-4000 characters") String evidence) {
    }

    @Schema(name = "AchievementRecord")
    public record Recorded(@Schema(required = true) long entry, @Schema(required = true) String measureId,
            @Schema(required = true) BigDecimal achieved, @Schema(required = true) String evidence,
            @Schema(required = true) String enteredBy, @Schema(required = true) Instant enteredAt) {
    }

    @Schema(name = "IndicatorAchievement", description = "One indicator of the latest agreed version, with its latest achievement and what it would earn.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Indicator(@Schema(required = true) String measureId, @Schema(required = true) BigDecimal weight,
            @Schema(required = true) BigDecimal target, BigDecimal floor, @Schema(required = true) String scale,
            @Schema(required = true) String direction, BigDecimal achieved,
            @Schema(required = true, description = "0 to 1.") BigDecimal share,
            @Schema(required = true, description = "Its part of the pot.") BigDecimal available,
            @Schema(required = true, description = "available x share, before the total is rounded.") BigDecimal earned) {
    }

    @Schema(name = "QualityAchievement", description = "The quality incentive as it stands: the pot, each indicator, the total earned (rounded once), and every entry made.")
    public record Achievement(@Schema(required = true) String kind, @Schema(required = true) BigDecimal pot,
            @Schema(required = true) List<Indicator> indicators, @Schema(required = true) BigDecimal earned,
            @Schema(required = true) BigDecimal roundingResidual, @Schema(required = true) List<Recorded> entries) {
    }
}
