package org.openpbr.contract.query.rule;

import java.util.Map;
import java.util.Set;

/**
 * A query's life: RAISED by the commissioner; the provider ACCEPTS it (the unit is reversed) or
 * CONTESTS it with evidence; the commissioner then WITHDRAWS it (the unit stands) or ESCALATES it
 * (to the contract's dispute resolution; the unit stands meanwhile). ACCEPTED, WITHDRAWN and
 * ESCALATED are final.
 */
public final class QueryFlow {

    public enum Status {
        RAISED, ACCEPTED, CONTESTED, WITHDRAWN, ESCALATED
    }

    /** Who may take a step. */
    public enum Party {
        COMMISSIONER, PROVIDER
    }

    /** A step: the state it leads to, who takes it, and from which states. */
    public enum Step {
        ACCEPT(Status.ACCEPTED, Party.PROVIDER, Set.of(Status.RAISED)),
        CONTEST(Status.CONTESTED, Party.PROVIDER, Set.of(Status.RAISED)),
        WITHDRAW(Status.WITHDRAWN, Party.COMMISSIONER, Set.of(Status.RAISED, Status.CONTESTED)),
        ESCALATE(Status.ESCALATED, Party.COMMISSIONER, Set.of(Status.CONTESTED));

        public final Status to;
        public final Party by;
        public final Set<Status> from;

        Step(Status to, Party by, Set<Status> from) {
            this.to = to;
            this.by = by;
            this.from = from;
        }
    }

    /** Steps that need a note: evidence for a contest, a reason for an escalation. */
    public static final Map<Step, String> NOTE_REQUIRED = Map.of(Step.CONTEST, "the provider's evidence",
            Step.ESCALATE, "why it is escalated");

    private QueryFlow() {
    }

    /** Whether {@code step} may be taken by {@code party} on a query in {@code status}. */
    public static boolean allowed(Step step, Party party, Status status) {
        return step.by == party && step.from.contains(status);
    }

    /** Whether the unit is reversed: the provider accepted the query. */
    public static boolean reverses(Status status) {
        return status == Status.ACCEPTED;
    }
}
