package org.openpbr.costing.tariff;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.problem.IfMatch;
import org.openpbr.platform.problem.ProblemException;

/** A tariff's life: proposed and revised as a draft, agreed once, read by those who may see it. */
@ApplicationScoped
public class TariffService {

    @Inject
    TariffCalculation calculation;

    @Inject
    TariffQueries queries;

    @Inject
    AuditTrail audit;

    @Transactional
    public TariffQueries.Stored propose(Caller caller, TariffViews.Proposal proposal) {
        String provider = caller.requireProviderOrg();
        TariffCalculation.Computed computed = calculation.compute(caller, proposal);
        String name = proposal.name().strip();
        queries.lockName(provider, name);
        if (queries.hasDraft(provider, name)) {
            throw ProblemException.conflict("Tariff '" + name
                    + "' already has a draft: recalculate it (PUT with If-Match) or withdraw it first");
        }
        int version = queries.nextVersion(provider, name);
        UUID id = UUID.randomUUID();
        queries.insertDraft(id, provider, name, version, by(caller), computed);
        audit.record(caller, "tariff.proposed", "tariff", id.toString(), null, Map.of("name", name,
                "version", version, "target", computed.priced().target().toPlainString()));
        return read(caller, id);
    }

    /** Recalculates a draft from new inputs; needs the ETag last read. */
    @Transactional
    public TariffQueries.Stored revise(Caller caller, UUID id, TariffViews.Proposal proposal, String ifMatch) {
        TariffQueries.Stored before = lockedOwn(caller, id);
        checkDraft(before, ifMatch);
        if (!proposal.name().strip().equals(before.view().name())) {
            new Faults().add("name", "cannot change: a tariff's versions share its name (propose a new tariff instead)")
                    .throwIfAny();
        }
        TariffCalculation.Computed computed = calculation.compute(caller, proposal);
        queries.revise(id, by(caller), computed);
        audit.record(caller, "tariff.revised", "tariff", id.toString(), null,
                Map.of("revision", before.view().revision() + 1, "target", computed.priced().target().toPlainString()));
        return read(caller, id);
    }

    /** Agrees a draft: from now on it never changes. */
    @Transactional
    public TariffQueries.Stored agree(Caller caller, UUID id, String ifMatch, String note) {
        TariffQueries.Stored before = lockedOwn(caller, id);
        checkDraft(before, ifMatch);
        queries.agree(id, by(caller), note == null || note.isBlank() ? null : note.strip());
        audit.record(caller, "tariff.agreed", "tariff", id.toString(), note,
                Map.of("name", before.view().name(), "version", before.view().version()));
        return read(caller, id);
    }

    /** Withdraws a draft (an agreed tariff cannot be withdrawn; a new version replaces it). */
    @Transactional
    public void withdraw(Caller caller, UUID id, String ifMatch) {
        TariffQueries.Stored before = lockedOwn(caller, id);
        checkDraft(before, ifMatch);
        queries.delete(id);
        audit.record(caller, "tariff.withdrawn", "tariff", id.toString(), null,
                Map.of("name", before.view().name(), "version", before.view().version()));
    }

    /**
     * A tariff the caller may see: a provider its own; a commissioner those scoped to it, and
     * agreed trust-wide ones; a service account with tariffs-reader any. Otherwise 404.
     */
    public TariffQueries.Stored read(Caller caller, UUID id) {
        requireReader(caller);
        return queries.find(id).filter(stored -> visible(caller, stored))
                .orElseThrow(() -> ProblemException.notFound("Tariff " + id));
    }

    public List<TariffViews.Summary> list(Caller caller, TariffStatus status) {
        boolean commissioner = caller.orgType().orElse(null) == OrgType.COMMISSIONER;
        String org = commissioner ? caller.requireCommissionerOrg() : caller.requireProviderOrg();
        return queries.list(org, commissioner, status);
    }

    /**
     * The agreed tariff that prices a provider's activity for a commissioner on a date: the latest
     * version scoped to that commissioner, or else the latest trust-wide one. 404 when none applies.
     */
    public TariffQueries.Stored applicable(Caller caller, String provider, String commissioner, LocalDate on) {
        requireReader(caller);
        String none = "No agreed tariff that you may see applies to that provider, commissioner and date";
        if (!caller.isServiceAccount()) {
            // A party asks only about itself; about anyone else the answer is the same as "none".
            boolean commissionerCaller = caller.orgType().orElse(null) == OrgType.COMMISSIONER;
            String own = commissionerCaller ? commissioner : provider;
            if (!caller.requireOrgCode().equals(own)) {
                throw ProblemException.notFound(none);
            }
        }
        return queries.applicable(provider, commissioner, on).flatMap(queries::find)
                .orElseThrow(() -> ProblemException.notFound(none));
    }

    /**
     * Who may read tariffs at all, decided before any record is looked at, so a refusal never
     * depends on whether a tariff exists: service accounts with tariffs-reader, and callers whose
     * token names their organisation.
     */
    private static void requireReader(Caller caller) {
        if (caller.isServiceAccount()) {
            caller.requireConsumer(Roles.TARIFFS_READER);
        } else {
            caller.requireOrgCode();
        }
    }

    private static boolean visible(Caller caller, TariffQueries.Stored stored) {
        if (caller.isServiceAccount()) {
            return true;
        }
        String org = caller.requireOrgCode();
        String commissioner = stored.view().commissionerCode();
        if (caller.orgType().orElse(null) == OrgType.COMMISSIONER) {
            return org.equals(commissioner) || (commissioner == null && stored.status() == TariffStatus.AGREED);
        }
        return org.equals(stored.view().providerCode());
    }

    private TariffQueries.Stored lockedOwn(Caller caller, UUID id) {
        if (!queries.lockOwn(id, caller.requireProviderOrg())) {
            throw ProblemException.notFound("Tariff " + id);
        }
        return read(caller, id);
    }

    private static void checkDraft(TariffQueries.Stored before, String ifMatch) {
        IfMatch.requirePresent(ifMatch, "Send the tariff's ETag in If-Match (GET the tariff to read it)");
        if (before.status() != TariffStatus.DRAFT) {
            throw ProblemException.conflict("The tariff is agreed and never changes; propose a new version under the same name");
        }
        IfMatch.requireMatch(ifMatch, before.etag(), "The tariff has changed since you read it (now revision "
                + before.view().revision() + "); GET it again and retry");
    }

    private static String by(Caller caller) {
        return caller.username().orElse(caller.subject());
    }
}
