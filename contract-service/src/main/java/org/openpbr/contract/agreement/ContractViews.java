package org.openpbr.contract.agreement;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
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
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.validation.CrossFieldChecked;
import org.openpbr.platform.validation.CrossFieldRules;
import org.openpbr.platform.validation.DecimalRange;
import org.openpbr.platform.validation.Identifier;
import org.openpbr.platform.validation.OdsCode;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Contracts and their versions as the API takes and shows them. */
public final class ContractViews {

    private ContractViews() {
    }

    @Schema(name = "ContractDraft", description = "A contract version's content: the parties, the year, the currency and the terms. "
            + "A new contract starts as version 1, a DRAFT. Editing a draft sends the whole content again; the parties, year and reference never change.")
    @CrossFieldChecked
    public record Draft(
            @Schema(required = true, description = "The parties' reference, e.g. 15N-RX1-2025-26; unique for the two parties.") @NotBlank @Identifier String reference,
            @Schema(required = true) @NotBlank @OdsCode String commissionerCode,
            @Schema(required = true, description = "An NHS trust or an independent provider.") @NotBlank @OdsCode String providerCode,
            @Schema(required = true, description = "e.g. 2025-26: months 1-12 are April to March; month 13 holds the year-end adjustments.") @NotBlank @Pattern(regexp = "[0-9]{4}-[0-9]{2}", message = "must be a financial year such as 2025-26") String financialYear,
            @Schema(required = true, description = "The currency scheme, e.g. mh-care-clusters.") @NotBlank @Identifier String scheme,
            @Schema(required = true, description = "The scheme versions whose allocations the contract pays, e.g. [\"2012-illustrative-2\"].") @NotNull @Size(min = 1, max = 10, message = "must hold 1-10 versions") List<@NotBlank @Identifier String> schemeVersions,
            @Schema(description = "The teams or services covered; absent for all of the provider's.") @Size(min = 1, max = 200, message = "must hold 1-200 teams, or be absent for all") List<@NotBlank @Identifier String> teams,
            @Schema(required = true) @NotNull @Valid ContractTerms.Terms terms,
            @Schema(description = "The activity plan agreed with the version: units per month and code. Also loadable as contract-monitoring CSV.") @Size(max = 12000, message = "at most 12,000 lines") List<@NotNull @Valid PlanEntry> plan,
            @Schema(description = "Why this version (a variation's reason); at most 2000 characters.") @Size(max = 2000, message = "must be at most 2000 characters") String reason)
            implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            return TermsChecks.faults(this);
        }
    }

    @Schema(name = "PlanEntry", description = "Planned units of one code in one month (1 = April).")
    public record PlanEntry(
            @Schema(required = true) @NotNull @Min(value = 1, message = "must be 1-12") @Max(value = 12, message = "must be 1-12") Integer month,
            @Schema(required = true) @NotBlank @Pattern(regexp = ContractTerms.CODE, message = ContractTerms.CODE_RULE) String code,
            @Schema(required = true, description = "Units (episodes, days or person-months); at most two decimals.") @NotNull @DecimalRange(min = "0", max = "100000000", scale = 2, message = "must be 0 to 100,000,000, with at most two decimals") BigDecimal units) {
    }

    @Schema(name = "ContractSignature", description = "Who acted, for which party (for offers and agreements), and when.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Signature(@Schema(required = true) String by, String orgCode,
            @Schema(required = true) Instant at) {
    }

    @Schema(name = "ContractPrice", description = "One code's price under the version, with its parts.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Price(@Schema(required = true) String code, @Schema(required = true) BigDecimal price, BigDecimal rri,
            @Schema(required = true) List<ContractTerms.PriceComponent> components) {
    }

    @Schema(name = "ContractPlanLine")
    public record PlanLine(@Schema(required = true) int month, @Schema(required = true) String code,
            @Schema(required = true) BigDecimal units,
            @Schema(description = "The code's price under the version; absent when the code has none.") BigDecimal price,
            @Schema(description = "units x price; absent without a price.") BigDecimal plannedValue) {
    }

    @Schema(name = "ContractPlan", description = "The activity plan: AGREED with the version, SET by the commissioner (no plan agreed within 3 months of the start), or NONE.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Plan(@Schema(required = true, enumeration = { "AGREED", "SET", "NONE" }) String basis,
            @Schema(required = true) List<PlanLine> lines,
            @Schema(required = true, description = "The sum of plannedValue.") BigDecimal plannedValue,
            @Schema(description = "With SET: who set it, when and why.") Signature set, String setReason) {
    }

    @Schema(name = "ContractVersion")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Version(@Schema(required = true) UUID contractId, @Schema(required = true) String reference,
            @Schema(required = true) String commissionerCode, @Schema(required = true) String providerCode,
            @Schema(required = true) String financialYear, @Schema(required = true) LocalDate yearStart,
            @Schema(required = true) LocalDate yearEnd, @Schema(required = true) int version,
            @Schema(required = true, enumeration = { "DRAFT", "OFFERED", "AGREED" }) String status,
            @Schema(required = true) int revision, @Schema(required = true) String scheme,
            @Schema(required = true) List<String> schemeVersions, List<String> teams,
            @Schema(required = true) ContractTerms.Terms terms, @Schema(required = true) List<Price> prices,
            @Schema(required = true) Plan plan, String reason, @Schema(required = true) Signature created,
            @Schema(required = true) Signature updated, Signature offered, Signature agreed) {
    }

    @Schema(name = "ContractVersionSummary")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionSummary(@Schema(required = true) int version,
            @Schema(required = true, enumeration = { "DRAFT", "OFFERED", "AGREED" }) String status,
            @Schema(required = true) boolean shadow, Signature offered, Signature agreed,
            @Schema(required = true) URI href) {
    }

    @Schema(name = "Contract", description = "A contract with its versions: `current` is the latest agreed version (the one that pays), `open` the one being negotiated.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contract(@Schema(required = true) UUID id, @Schema(required = true) String reference,
            @Schema(required = true) String commissionerCode, @Schema(required = true) String providerCode,
            @Schema(required = true) String financialYear, @Schema(required = true) LocalDate yearStart,
            @Schema(required = true) LocalDate yearEnd, VersionSummary current, VersionSummary open,
            @Schema(required = true) List<VersionSummary> versions) {
    }

    @Schema(name = "ContractList")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContractList(@Schema(required = true) List<Contract> items, URI next) {
    }

    @Schema(name = "ContractStep", description = "A note with a step (offer, agreement, return, variation).")
    public record Step(@Schema(description = "At most 2000 characters.") @Size(max = 2000, message = "must be at most 2000 characters") String note) {
    }
}
