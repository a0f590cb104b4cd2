package org.openpbr.costing.period;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.problem.ProblemException;

@ApplicationScoped
public class PeriodService {

    @Inject
    PeriodQueries queries;


    /** The longest period: a financial year. */

    @Inject
    AuditTrail audit;

    public record NewPeriod(String code, LocalDate startDate, LocalDate endDate) {
    }

    /** The caller's period with this code, or 404 (also when it is another provider's). */
    public CostingPeriod require(String provider, String code) {
        CostingPeriod period = CostingPeriod.find("providerCode = ?1 and code = ?2", provider, code).firstResult();
        if (period == null) {
            throw ProblemException.notFound("Costing period " + code);
        }
        return period;
    }

    @Transactional
    public CostingPeriod create(Caller caller, NewPeriod request) {
        String provider = caller.requireProviderOrg();
        LocalDate start = request.startDate();
        LocalDate end = request.endDate();
        if (CostingPeriod.count("providerCode = ?1 and code = ?2", provider, request.code()) > 0) {
            throw ProblemException.conflict("You already have a costing period " + request.code());
        }
        CostingPeriod period = new CostingPeriod();
        period.providerCode = provider;
        period.code = request.code();
        period.startDate = start;
        period.endDate = end;
        period.createdBy = caller.username().orElse(caller.subject());
        period.createdAt = java.time.Instant.now();
        period.persist();
        audit.record(caller, "period.created", "costing_period", period.code, null,
                Map.of("startDate", start.toString(), "endDate", end.toString()));
        return period;
    }

    /** The period's uploads, newest first, at most 1,000 (replaced and withdrawn ones too). */
    public List<Upload> uploads(CostingPeriod period) {
        return Upload.<Upload>find("periodId = ?1 order by id desc", period.id).page(0, 1000).list();
    }

    /** The ledger upload in force for the period, if any. */
    public java.util.Optional<Upload> ledgerUpload(CostingPeriod period) {
        return Upload.<Upload>find("periodId = ?1 and kind = 'LEDGER' and withdrawnAt is null", period.id)
                .firstResultOptional();
    }

    /** A page of the period's ledger lines in force (after the given line number). */
    public List<LedgerLines.Line> ledgerLines(CostingPeriod period, long afterLine, int rows) {
        return queries.ledgerLines(period.id, afterLine, rows);
    }

    /** The provider's periods, latest first (at most 100). */
    public List<CostingPeriod> list(String provider) {
        return CostingPeriod.<CostingPeriod>find("providerCode = ?1 order by startDate desc, code", provider).page(0, 100).list();
    }

    /** The period with what has been loaded into it: ledger lines and totals, activity rows by kind. */
    public PeriodView view(CostingPeriod period) {
        PeriodQueries.Ledger ledger = queries.ledger(period.id);
        long contacts = 0;
        long bedDays = 0;
        long sessions = 0;
        for (PeriodQueries.Loaded k : queries.loaded(period.id)) {
            switch (k.kind()) {
                case "CONTACTS" -> contacts = k.rows();
                case "BED_DAYS" -> bedDays = k.rows();
                case "GROUP_SESSIONS" -> sessions = k.rows();
                default -> {
                }
            }
        }
        return new PeriodView(period.code, period.startDate, period.endDate,
                PeriodView.months(period.startDate, period.endDate),
                ledger.lines() == 0 ? null : new PeriodView.Ledger(ledger.uploadId(), ledger.lines(),
                        ledger.total().setScale(2), ledger.socialCare().setScale(2)),
                new PeriodView.Activity(contacts, bedDays, sessions), period.createdAt, period.createdBy);
    }
}
