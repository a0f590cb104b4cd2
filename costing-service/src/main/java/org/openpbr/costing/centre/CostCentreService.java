package org.openpbr.costing.centre;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.platform.csv.CsvFaults;
import org.openpbr.platform.csv.CsvRows;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;

/** The provider's cost centres, loaded as a CSV list; a centre already in use keeps its type. */
@ApplicationScoped
public class CostCentreService {

    public static final List<String> COLUMNS = List.of("code", "name", "type");

    @Inject
    CostCentreQueries queries;

    @Inject
    AuditTrail audit;

    public record Outcome(int created, int updated, int unchanged) {
    }

    /** The provider's centres by code, at most {@code max}. */
    public List<CostCentre> list(String provider, int max) {
        return CostCentre.<CostCentre>find("providerCode = ?1 order by code", provider).page(0, max).list();
    }

    @Transactional
    public Outcome load(Caller caller, String csv) {
        String provider = caller.requireProviderOrg();
        Map<String, CostCentre> existing = new HashMap<>();
        CostCentre.<CostCentre>list("providerCode", provider).forEach(c -> existing.put(c.code, c));
        CsvFaults faults = new CsvFaults();
        Map<String, String[]> rows = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try (Reader reader = new StringReader(csv)) {
            CsvRows.read(reader, COLUMNS, faults, (line, value) -> {
                String code = value.apply("code");
                String name = value.apply("name");
                String type = value.apply("type");
                boolean sound = true;
                if (!CsvRows.identifier(code)) {
                    faults.add(line, "code", code.isEmpty() ? "is required" : CsvRows.IDENTIFIER_RULE);
                    sound = false;
                }
                if (name.isEmpty() || name.length() > 200) {
                    faults.add(line, "name", "is required, at most 200 characters");
                    sound = false;
                }
                CostCentre.Type parsed = type(type);
                if (parsed == null) {
                    faults.add(line, "type", "must be INPATIENT_WARD, COMMUNITY_TEAM or SUPPORT");
                    sound = false;
                }
                if (sound) {
                    Integer first = firstLine.putIfAbsent(code, line);
                    if (first != null) {
                        faults.add(line, "code", "repeats line " + first);
                    } else {
                        rows.put(code, new String[] { name, parsed.name(), Integer.toString(line) });
                        CostCentre known = existing.get(code);
                        if (known != null && known.type != parsed && inUse(known)) {
                            faults.add(line, "type", "cannot change from " + known.type + ": the centre already has"
                                    + " ledger lines or activity; use a new code for a centre of another type");
                        }
                    }
                }
            });
        } catch (IOException e) {
            faults.add(1, null, "is not readable as CSV");
        }
        if (faults.isEmpty() && rows.isEmpty()) {
            faults.add(2, null, "the file has a header but no cost centres");
        }
        if (!faults.isEmpty()) {
            throw faults.problem("cost centre");
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (Map.Entry<String, String[]> row : rows.entrySet()) {
            CostCentre centre = existing.get(row.getKey());
            CostCentre.Type type = CostCentre.Type.valueOf(row.getValue()[1]);
            if (centre == null) {
                centre = new CostCentre();
                centre.providerCode = provider;
                centre.code = row.getKey();
                centre.name = row.getValue()[0];
                centre.type = type;
                centre.persist();
                created++;
            } else if (!centre.name.equals(row.getValue()[0]) || centre.type != type) {
                centre.name = row.getValue()[0];
                centre.type = type;
                updated++;
            } else {
                unchanged++;
            }
        }
        audit.record(caller, "cost-centres.loaded", "cost_centre", provider, null,
                Map.of("created", created, "updated", updated, "unchanged", unchanged));
        return new Outcome(created, updated, unchanged);
    }

    private boolean inUse(CostCentre centre) {
        return queries.inUse(centre.id);
    }

    private static CostCentre.Type type(String text) {
        for (CostCentre.Type type : CostCentre.Type.values()) {
            if (type.name().equals(text)) {
                return type;
            }
        }
        return null;
    }
}
