package org.openpbr.contract.budget;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Personal budgets as the API shows them. */
public final class BudgetViews {

    private BudgetViews() {
    }

    @Schema(name = "PersonalBudgetRequest")
    public record Request(
            @Schema(required = true, description = "The person: the provider's local id when the provider records it, the commissioner's pseudonym when the commissioner does.") @NotBlank @Size(max = 64, message = "must be 1-64 characters") String person,
            @Schema(required = true, description = "A code the contract allows budgets for.") @NotBlank @Pattern(regexp = "[0-9A-Za-z]{1,10}", message = "must be 1-10 letters or digits, e.g. 04") String code,
            @Schema(required = true, description = "The first day of the budget's first month.") @NotNull LocalDate from,
            @Schema(description = "The last day of its last month; absent: the contract year's end.") LocalDate to,
            @Schema(description = "e.g. the budget's agreement or care plan reference.") @Size(max = 500, message = "must be at most 500 characters") String note) {
    }

    @Schema(name = "PersonalBudgetEnd")
    public record End(@Schema(required = true, description = "The last day of the budget's new last month: earlier than its end now.") @NotNull LocalDate to,
            @Schema(description = "Why.") @Size(max = 500, message = "must be at most 500 characters") String note) {
    }

    @Schema(name = "PersonalBudgetComponent", description = "A part of the code's price.")
    public record Component(@Schema(required = true) String name, @Schema(required = true) BigDecimal amount) {
    }

    @Schema(name = "PersonalBudgetPeriod", description = "A month's units the budget held, as issued statements stated them, and the budget paid for them.")
    public record Period(@Schema(required = true) int month, @Schema(required = true) BigDecimal units,
            @Schema(required = true) BigDecimal amount) {
    }

    @Schema(name = "PersonalBudget", description = "A person's budget for a code: what each unit's price buys, the part the person directs (the budget), the provider's part, and what it has paid.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Budget(@Schema(required = true) UUID id, @Schema(required = true) UUID contractId,
            @Schema(required = true) String code,
            @Schema(description = "The commissioner's pseudonym for the commissioner, the provider's local id for the provider; absent until clustering's episodes link the person.") String person,
            @Schema(required = true) LocalDate from, @Schema(required = true) LocalDate to, String note,
            @Schema(required = true) String recordedBy, @Schema(required = true) String recordedOrg,
            @Schema(required = true) Instant recordedAt, String endedBy, Instant endedAt,
            @Schema(required = true, description = "The code's price per unit, as agreed.") BigDecimal price,
            @Schema(required = true, description = "Per unit: the person-directed components' sum.") BigDecimal budgetPerUnit,
            @Schema(required = true, description = "Per unit: the price less the budget, paid to the provider.") BigDecimal providerPrice,
            @Schema(required = true, description = "The person-directed components: what the budget buys.") List<Component> budgetComponents,
            @Schema(required = true, description = "The rest of the price, kept by the provider.") List<Component> providerComponents,
            @Schema(required = true) List<Period> periods, @Schema(required = true) BigDecimal paid,
            @Schema(required = true) URI href) {
    }

    @Schema(name = "PersonalBudgetList")
    public record BudgetList(@Schema(required = true) List<Budget> items) {
    }
}
