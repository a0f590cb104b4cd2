package org.openpbr.contract.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.contract.agreement.ContractQueries;
import org.openpbr.contract.agreement.ContractService;
import org.openpbr.contract.query.rule.QueryFlow;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/**
 * Queries between the parties: raised by the commissioner's contract-manager on units of a
 * statement, answered by the provider's finance, closed by the commissioner. Each step is kept and
 * audited; an accepted query reverses its unit in the next statement.
 */
@ApplicationScoped
public class QueryService {

    @Inject
    ContractService contracts;

    @Inject
    ContractQueries contractQueries;

    @Inject
    QueryQueries queries;

    @Inject
    AuditTrail audit;

    @Transactional
    public QueryViews.Raised raise(Caller caller, UUID id, QueryViews.Raise request) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        party(caller, contract, QueryFlow.Party.COMMISSIONER);
        contractQueries.lockContract(id);
        List<QueryQueries.StatedUnit> units = queries.statedUnits(id, request.month(), request.units(), request.rule());
        if (request.units() != null && units.size() < Set.copyOf(request.units()).size()) {
            Set<String> found = new java.util.HashSet<>();
            units.forEach(u -> found.add(u.key()));
            List<FieldError> faults = new ArrayList<>();
            for (int i = 0; i < request.units().size(); i++) {
                if (!found.contains(request.units().get(i))) {
                    faults.add(new FieldError("units[" + i + "]", "is not a unit of month " + request.month() + "'s statement"));
                }
            }
            throw ProblemException.invalid(faults);
        }
        Set<String> busy = queries.queried(id);
        String by = by(caller);
        List<UUID> raised = new ArrayList<>();
        int already = 0;
        for (QueryQueries.StatedUnit unit : units) {
            if (busy.contains(unit.key())) {
                already++;
                continue;
            }
            UUID qid = UUID.randomUUID();
            queries.insert(new QueryQueries.Stored(qid, 0, id, request.month(), unit.key(), unit.month(), unit.code(),
                    request.rule(), request.reason().strip(), QueryFlow.Status.RAISED, 1, null, by, null),
                    caller.requireOrgCode(), request.reason().strip());
            raised.add(qid);
        }
        audit.record(caller, "query.raised", "contract", id.toString(), request.reason(),
                Map.of("month", request.month(), "raised", raised.size(), "alreadyQueried", already,
                        "rule", request.rule() == null ? "" : request.rule()));
        // Read back in one statement, however many units a rule flagged.
        return new QueryViews.Raised(raised.size(), already,
                queries.byIds(id, raised).stream().map(q -> view(q, false)).toList());
    }

    /** Takes a step on a query: accept or contest (provider), withdraw or escalate (commissioner). */
    @Transactional
    public QueryViews.Query step(Caller caller, UUID id, UUID queryId, QueryFlow.Step step, String note) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        party(caller, contract, step.by);
        QueryQueries.Stored q = queries.locked(id, queryId)
                .orElseThrow(() -> ProblemException.notFound("Query " + queryId + " of contract " + id));
        if (!QueryFlow.allowed(step, step.by, q.status())) {
            throw ProblemException.conflict("The query is " + q.status() + ": it cannot be " + step.to.name().toLowerCase()
                    + " now");
        }
        String needed = QueryFlow.NOTE_REQUIRED.get(step);
        if (needed != null && (note == null || note.isBlank())) {
            throw ProblemException.invalid(List.of(new FieldError("note", "is required: " + needed)));
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        queries.move(queryId, step.to, queries.steps(queryId).size() + 1, by(caller), caller.requireOrgCode(), text);
        audit.record(caller, "query." + step.to.name().toLowerCase(), "contract", id.toString(), text,
                Map.of("query", queryId.toString(), "unit", q.unitKey()));
        return view(queries.find(id, queryId).orElseThrow(), true);
    }

    public QueryViews.Query read(Caller caller, UUID id, UUID queryId) {
        contracts.visible(caller, id);
        return view(queries.find(id, queryId)
                .orElseThrow(() -> ProblemException.notFound("Query " + queryId + " of contract " + id)), true);
    }

    public QueryViews.QueryList list(Caller caller, UUID id, boolean open, PageRequest request, UriInfo uri) {
        contracts.visible(caller, id);
        Page<QueryQueries.Stored> page = Page.of(queries.page(id, open, request.afterSequence(), request.fetchSize()),
                request, QueryQueries.Stored::seq, uri);
        return new QueryViews.QueryList(page.items().stream().map(q -> view(q, false)).toList(), page.next());
    }

    private QueryViews.Query view(QueryQueries.Stored q, boolean withSteps) {
        List<QueryViews.Step> steps = null;
        if (withSteps) {
            steps = new ArrayList<>();
            for (Row r : queries.steps(q.id())) {
                steps.add(new QueryViews.Step(r.integer("step_no"), r.text("action"), r.text("by_name"),
                        r.text("by_org"), r.instant("at"), r.text("note")));
            }
        }
        long age = Duration.between(q.raisedAt(), Instant.now()).toDays();
        return new QueryViews.Query(q.id(), q.contractId(), q.month(), q.unitKey(), q.unitMonth(), q.code(), q.rule(),
                q.reason(), q.status().name(), age, q.raisedAt(), q.raisedBy(), q.updatedAt(), steps);
    }

    /** 403 unless the caller acts for the party that takes this step. */
    private static void party(Caller caller, ContractQueries.ContractRow contract, QueryFlow.Party party) {
        ContractService.Side side = ContractService.side(caller, contract).orElseThrow();
        boolean commissioner = side == ContractService.Side.COMMISSIONER;
        if (commissioner != (party == QueryFlow.Party.COMMISSIONER)) {
            throw new ProblemException(ProblemType.FORBIDDEN, party == QueryFlow.Party.COMMISSIONER
                    ? "Queries are raised, withdrawn and escalated by the commissioner"
                    : "Queries are accepted or contested by the provider");
        }
        ContractService.requireActing(caller, side);
    }

    private static String by(Caller caller) {
        return caller.username().orElse(caller.subject());
    }
}
