package org.openpbr.costing.period;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openpbr.platform.csv.CsvRows;
import org.openpbr.platform.csv.CsvValues;
import org.openpbr.platform.csv.CsvFaults;
import org.openpbr.platform.csv.CsvFile;
import org.openpbr.costing.centre.CostCentre;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Loads a period's ledger (a trial balance: one line per cost centre, expense type and social-care
 * flag). A new ledger file replaces the period's ledger as a whole; the same file again changes nothing.
 */
@ApplicationScoped
public class LedgerService {

    public static final List<String> COLUMNS = List.of("cost_centre", "expense_type", "amount", "social_care");

    /** Far above any trust's trial balance; a file this long is a mistake (activity sent as ledger). */
    public static final int MAX_LINES = 200_000;

    /** Amounts must be below a hundred billion pounds, within numeric(16,2). */
    private static final BigDecimal LIMIT = new BigDecimal("100000000000");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PeriodService periods;

    @Inject
    AuditTrail audit;

    private record Line(int line, CostCentre centre, String expenseType, BigDecimal amount, boolean socialCare) {
    }

    public UploadService.Accepted replace(Caller caller, String periodCode, InputStream body, Charset charset,
            String fileName) {
        String provider = caller.requireProviderOrg();
        try (SpooledFile file = SpooledFile.of(body, charset)) {
            return QuarkusTransaction.requiringNew().timeout(UploadService.LOAD_TIMEOUT_SECONDS).call(() -> {
                CostingPeriod period = periods.require(provider, periodCode);
                Upload current = Upload.find("providerCode = ?1 and periodId = ?2 and kind = 'LEDGER'"
                        + " and withdrawnAt is null", provider, period.id).firstResult();
                if (current != null && current.sha256.equals(file.sha256())) {
                    return new UploadService.Accepted(current, true);
                }
                long started = System.nanoTime();
                List<Line> lines = read(provider, file);
                String by = caller.username().orElse(caller.subject());
                if (current != null) {
                    current.withdrawnAt = Instant.now();
                    current.withdrawnBy = by;
                    Upload.flush();
                }
                long uploadId;
                try (Connection c = dataSource.getConnection()) {
                    LoadQueries.deleteLedger(c, period.id);
                    uploadId = LoadQueries.insertUpload(c, provider, period.id, "LEDGER", file.sha256(), fileName, by);
                    LoadQueries.insertLedger(c, period.id, uploadId, lines.stream().map(l -> new LoadQueries.LedgerLine(
                            l.line(), l.centre().id, l.expenseType(), l.amount(), l.socialCare())).toList());
                    LoadQueries.countUpload(c, uploadId, lines.size(), (System.nanoTime() - started) / 1_000_000);
                }
                BigDecimal total = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                Map<String, Object> details = new HashMap<>();
                details.put("period", periodCode);
                details.put("lines", lines.size());
                details.put("total", total.toPlainString());
                details.put("sha256", file.sha256());
                details.put("replaces", current == null ? null : current.id);
                audit.record(caller, "ledger.loaded", "upload", Long.toString(uploadId), null, details);
                return new UploadService.Accepted(Upload.findById(uploadId), false);
            });
        }
    }

    private List<Line> read(String provider, SpooledFile file) {
        Map<String, CostCentre> centres = new HashMap<>();
        CostCentre.<CostCentre>list("providerCode", provider).forEach(c -> centres.put(c.code, c));
        CsvFaults faults = new CsvFaults();
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> keys = new HashMap<>();
        try (Reader reader = file.reader(); CsvFile csv = CsvFile.open(reader, COLUMNS, List.of(), faults)) {
            if (faults.isEmpty()) {
                for (CsvFile.Row row = csv.next(faults); row != null; row = csv.next(faults)) {
                    if (row.line() > MAX_LINES + 1) {
                        faults.add(row.line(), null, "the ledger has more than " + MAX_LINES + " lines; is this an activity file?");
                        break;
                    }
                    Line line = line(csv, row, centres, faults);
                    if (line != null) {
                        Integer first = keys.putIfAbsent(line.centre().code + "\t" + line.expenseType() + "\t"
                                + line.socialCare(), row.line());
                        if (first != null) {
                            faults.add(row.line(), "expense_type", "repeats line " + first + ": one line per cost"
                                    + " centre, expense type and social-care flag");
                        } else {
                            lines.add(line);
                        }
                    }
                }
                if (lines.isEmpty() && faults.isEmpty()) {
                    faults.add(2, null, "the file has a header but no ledger lines");
                }
            }
        } catch (CharacterCodingException e) {
            faults.add(1, null, file.notText());
        } catch (IOException | RuntimeException e) {
            faults.add(1, null, "is not readable as CSV: " + CsvRows.firstLine(e.getMessage()));
        }
        if (!faults.isEmpty()) {
            throw faults.problem("ledger");
        }
        return lines;
    }

    private static Line line(CsvFile csv, CsvFile.Row row, Map<String, CostCentre> centres, CsvFaults faults) {
        String code = csv.value(row, "cost_centre");
        CostCentre centre = centres.get(code);
        if (centre == null) {
            faults.add(row.line(), "cost_centre", code.isEmpty() ? "is required"
                    : "is not one of your cost centres (load it with PUT /v1/cost-centres first)");
        }
        String expense = csv.value(row, "expense_type");
        if (!CsvValues.identifier(expense)) {
            faults.add(row.line(), "expense_type", expense.isEmpty() ? "is required" : CsvValues.IDENTIFIER_RULE);
        }
        BigDecimal amount = amount(csv.value(row, "amount"), row.line(), faults);
        Boolean social = flag(csv.value(row, "social_care"));
        if (social == null) {
            faults.add(row.line(), "social_care", "must be true or false (or Y or N)");
        }
        if (centre == null || !CsvValues.identifier(expense) || amount == null || social == null) {
            return null;
        }
        return new Line(row.line(), centre, expense, amount, social);
    }

    private static BigDecimal amount(String text, int line, CsvFaults faults) {
        if (text.isEmpty()) {
            faults.add(line, "amount", "is required");
            return null;
        }
        try {
            if (!text.matches("-?[0-9]+(\\.[0-9]{1,2})?")) {
                faults.add(line, "amount", "must be pounds with at most two decimal places, e.g. 1234.56 or -80.00"
                        + " (no currency sign or thousands separator)");
                return null;
            }
            BigDecimal amount = new BigDecimal(text).setScale(2);
            if (amount.abs().compareTo(LIMIT) >= 0) {
                faults.add(line, "amount", "must be less than 100,000,000,000 in size");
                return null;
            }
            return amount;
        } catch (NumberFormatException e) {
            faults.add(line, "amount", "is not a number");
            return null;
        }
    }

    private static Boolean flag(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
            case "y":
            case "yes":
                return true;
            case "false":
            case "n":
            case "no":
                return false;
            default:
                return null;
        }
    }
}
