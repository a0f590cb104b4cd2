package org.openpbr.contract.claim;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.contract.agreement.ContractQueries;
import org.openpbr.contract.agreement.ContractService;
import org.openpbr.contract.agreement.ContractTerms;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.hash.Sha256;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/**
 * Claims files: a provider that invoices (terms.validation.unitsFrom = CLAIMS) sends one per month
 * with its finance role. Sending a month again supersedes its file (the old one is kept) until the
 * month's statement is issued; late claims for an issued month go in a later month's file, and are
 * paid there as adjustments.
 */
@ApplicationScoped
public class ClaimService {

    @Inject
    ContractService contracts;

    @Inject
    ContractQueries contractQueries;

    @Inject
    ClaimQueries queries;

    @Inject
    AuditTrail audit;

    @Transactional
    public ClaimViews.File upload(Caller caller, UUID id, int period, String csv) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        if (ContractService.side(caller, contract).orElseThrow() != ContractService.Side.PROVIDER
                || !caller.hasRole(Roles.FINANCE)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Claims files are sent by the provider's finance");
        }
        contractQueries.lockContract(id);
        ContractQueries.VersionRow version = contracts.latestAgreed(id).orElseThrow(() -> ProblemException.conflict(
                "No version of the contract is agreed: claims are paid under agreed terms"));
        ContractTerms.PaymentValidation v = version.terms().validation();
        if (version.terms().activity() == null || v == null || v.unitsFrom() != ContractTerms.UnitsFrom.CLAIMS) {
            throw ProblemException.conflict("The contract pays the caseload clustering feeds, not claims"
                    + " (terms.validation.unitsFrom is not CLAIMS)");
        }
        if (queries.issued(id, period)) {
            throw ProblemException.conflict("Month " + period + "'s statement is issued and never changes: send late claims"
                    + " in the file of a month not yet issued; they are paid there as adjustments");
        }
        String hash = Sha256.hex(csv);
        ClaimQueries.File current = queries.current(id, period).orElse(null);
        if (current != null && current.contentHash().equals(hash)) {
            return view(current);
        }
        List<ClaimQueries.Line> lines = ClaimCsv.read(csv);
        ClaimQueries.File file = new ClaimQueries.File(UUID.randomUUID(), id, period, lines.size(), hash,
                caller.username().orElse(caller.subject()), caller.requireOrgCode(), null, null);
        queries.insert(file, lines);
        audit.record(caller, "claims.received", "contract", id.toString(), null, Map.of("period", period, "lines",
                lines.size(), "contentHash", hash, "supersedes", current == null ? "" : current.id().toString()));
        return view(queries.current(id, period).orElseThrow());
    }

    public ClaimViews.FileList files(Caller caller, UUID id) {
        contracts.visible(caller, id);
        return new ClaimViews.FileList(queries.files(id).stream().map(ClaimService::view).toList());
    }

    /** The current file's lines: they name people by the provider's local ids, so they are the provider's to read. */
    public ClaimViews.Lines lines(Caller caller, UUID id, int period) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        if (ContractService.side(caller, contract).orElseThrow() != ContractService.Side.PROVIDER) {
            throw new ProblemException(ProblemType.FORBIDDEN, "A claims file names people by the provider's local ids:"
                    + " the commissioner checks claims through the statement's units, by pseudonym");
        }
        ClaimQueries.File file = queries.current(id, period)
                .orElseThrow(() -> ProblemException.notFound("Claims file for month " + period + " of contract " + id));
        return new ClaimViews.Lines(contract.reference(), period, queries.lines(file.id()));
    }

    private static ClaimViews.File view(ClaimQueries.File f) {
        return new ClaimViews.File(f.id(), f.period(), f.lines(), f.contentHash(), f.uploadedBy(), f.uploadedOrg(),
                f.uploadedAt(), f.supersededAt(), f.supersededAt() == null);
    }
}
