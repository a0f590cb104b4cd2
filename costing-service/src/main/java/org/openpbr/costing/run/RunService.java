package org.openpbr.costing.run;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openpbr.costing.period.CostingPeriod;
import org.openpbr.costing.period.PeriodService;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.problem.Faults;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Starts costing runs; a run is one transaction, so it is recorded whole or not at all. */
@ApplicationScoped
public class RunService {

    static final int RUN_TIMEOUT_SECONDS = 1800;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PeriodService periods;

    @Inject
    AuditTrail audit;

    public record NewRun(String period, Boolean includeSocialCare, LocalDate asOf) {
    }

    public UUID run(Caller caller, NewRun request) {
        String provider = caller.requireProviderOrg();
        boolean socialCare = request.includeSocialCare() == null || request.includeSocialCare();
        return QuarkusTransaction.requiringNew().timeout(RUN_TIMEOUT_SECONDS).call(() -> {
            CostingPeriod period = periods.require(provider, request.period());
            LocalDate asOf = request.asOf();
            if (asOf != null && (asOf.isBefore(period.startDate) || asOf.isAfter(period.endDate))) {
                new Faults().add("asOf", "must be within the period (" + period.startDate + " to " + period.endDate + ")")
                        .throwIfAny();
            }
            UUID id = UUID.randomUUID();
            CostingMethodV1.Result result;
            try (Connection c = dataSource.getConnection()) {
                result = CostingMethodV1.run(c, id, new CostingMethodV1.Period(period.id, provider, period.code,
                        period.startDate, period.endDate), new CostingMethodV1.Options(socialCare, asOf),
                        caller.username().orElse(caller.subject()));
            }
            audit.record(caller, "costing-run.completed", "costing_run", id.toString(), null,
                    Map.of("period", period.code, "methodVersion", CostingMethodV1.VERSION, "includeSocialCare", socialCare,
                            "costedTotal", result.costedTotal().toPlainString(), "fingerprint", result.fingerprint(),
                            "millis", result.timings().get("total")));
            return id;
        });
    }
}
