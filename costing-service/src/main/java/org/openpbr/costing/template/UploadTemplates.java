package org.openpbr.costing.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.openpbr.costing.centre.CostCentre;
import org.openpbr.costing.centre.CostCentreService;
import org.openpbr.costing.episode.EpisodeService;
import org.openpbr.costing.period.ActivityKind;
import org.openpbr.costing.period.LedgerService;
import org.openpbr.costing.run.CostingMethodV1;
import org.openpbr.platform.csv.CsvValues;
import org.openpbr.platform.validation.OdsCode;

/**
 * The CSV templates of costing's uploads: each column with its rule and an example, in the order
 * the upload reads them. The headers are the uploads' own column lists, so a template cannot
 * drift from what the upload expects, and the example rows load as they stand (tested).
 */
public final class UploadTemplates {

    private UploadTemplates() {
    }

    private static final String ID = CsvValues.IDENTIFIER_RULE;
    private static final String DATE = "a date as YYYY-MM-DD";
    private static final String IN_PERIOD = DATE + ", within the period";
    private static final String STAFF = ID + "; spell each staff group the same in every file (it is how care packages find their cost per minute)";

    private static TemplateViews.Column column(String name, boolean required, String rule, List<String> allowed,
            String example) {
        return new TemplateViews.Column(name, required, rule, allowed, example);
    }

    private static TemplateViews.Column column(String name, String rule, String example) {
        return column(name, true, rule, null, example);
    }

    public static List<TemplateViews.Template> all() {
        List<TemplateViews.Template> templates = new ArrayList<>();
        templates.add(template("cost-centres", "PUT /v1/cost-centres",
                "Your cost centres: each patient-facing team or ward, and the support centres whose cost is shared among them.",
                CostCentreService.COLUMNS, List.of(
                        column("code", ID, "CMHT-N"),
                        column("name", "1-200 characters", "North community mental health team"),
                        column("type", true, "COMMUNITY_TEAM costs staff time, INPATIENT_WARD occupied bed days, SUPPORT is shared by direct cost",
                                Arrays.stream(CostCentre.Type.values()).map(Enum::name).toList(), "COMMUNITY_TEAM"))));
        templates.add(template("ledger", "PUT /v1/periods/{period}/ledger",
                "The period's ledger: one line per cost centre and expense type. A new file replaces the last.",
                LedgerService.COLUMNS, List.of(
                        column("cost_centre", "the code of one of your cost centres", "CMHT-N"),
                        column("expense_type", ID + "; your own list (e.g. Nursing, Medical, Psychology, Social work, Drugs, Premises, Overheads)", "Nursing"),
                        column("amount", "pounds with at most two decimals; a credit is negative (-80.00)", "412000.00"),
                        column("social_care", true, "true or false (or Y or N): left out of a run with includeSocialCare false",
                                List.of("true", "false", "Y", "N"), "N"))));
        for (ActivityKind kind : ActivityKind.values()) {
            templates.add(activity(kind));
        }
        templates.add(template("episodes", "POST /v1/episodes",
                "Cluster episodes, for a provider that clusters outside OpenPbR (otherwise they come from clustering-service).",
                concat(EpisodeService.COLUMNS, EpisodeService.OPTIONAL_COLUMNS), List.of(
                        column("episode_id", ID + "; unique among your episodes (a new file updates by it)", "E-000001"),
                        column("patient_id", ID + "; your local id, as in the activity files", "RX1-000123"),
                        column("code", "the cluster code, 1-10 letters or digits", "04"),
                        column("start_date", DATE, "2025-04-14"),
                        column("end_date", false, DATE + ", not before start_date; empty while the episode is open", null, ""),
                        column("review_due", DATE + ", after start_date", "2025-10-14"),
                        column("commissioner_code", OdsCode.RULE, "15N"),
                        column("team", ID, "CMHT-N"),
                        column("nhs_number", false, "ten digits with a modulus 11 check digit, or empty; never stored, it only makes the person's pseudonym", null, "9434765919"))));
        return templates;
    }

    public static Optional<TemplateViews.Template> of(String kind) {
        return all().stream().filter(t -> t.kind().equals(kind)).findFirst();
    }

    /** The template's file: its header and the example row, in UTF-8 CSV. */
    public static String csv(TemplateViews.Template template) {
        String header = template.columns().stream().map(TemplateViews.Column::name).collect(Collectors.joining(","));
        String example = template.columns().stream().map(c -> quoted(c.example())).collect(Collectors.joining(","));
        return header + "\n" + example + "\n";
    }

    private static TemplateViews.Template activity(ActivityKind kind) {
        List<TemplateViews.Column> columns = switch (kind) {
            case CONTACTS -> List.of(
                    column("contact_id", ID + "; unique in the period", "C-000001"),
                    column("patient_id", ID + "; your local id, as in the episodes", "RX1-000123"),
                    column("contact_date", IN_PERIOD, "2025-05-06"),
                    column("cost_centre", "the code of a COMMUNITY_TEAM cost centre", "CMHT-N"),
                    column("staff_group", STAFF, "Nurse"),
                    column("minutes", "a whole number from 1 to " + ActivityKind.MAX_MINUTES, "45"));
            case BED_DAYS -> List.of(
                    column("patient_id", ID + "; your local id, as in the episodes", "RX1-000123"),
                    column("bed_date", IN_PERIOD + "; one row per occupied bed night, one per person and night", "2025-06-02"),
                    column("ward", "the code of an INPATIENT_WARD cost centre", "WARD-A"));
            case GROUP_SESSIONS -> List.of(
                    column("session_id", ID + "; unique in the period", "G-000001"),
                    column("session_date", IN_PERIOD, "2025-05-08"),
                    column("cost_centre", "the code of a COMMUNITY_TEAM cost centre", "CMHT-N"),
                    column("staff_group", STAFF, "Psychologist"),
                    column("minutes", "a whole number from 1 to " + ActivityKind.MAX_MINUTES + ": the session's length, shared equally by its attendees", "90"),
                    column("attendees", "the attendees' patient ids separated by ';', each named once, at most " + CostingMethodV1.MAX_ATTENDEES, "RX1-000123;RX1-000124"));
        };
        return template(kind.path(), "POST /v1/periods/{period}/activity/" + kind.path(), switch (kind) {
            case CONTACTS -> "Care contacts: staff time with one person.";
            case BED_DAYS -> "Occupied bed days on inpatient wards.";
            case GROUP_SESSIONS -> "Group sessions: staff time shared by the people attending.";
        }, kind.columns(), columns);
    }

    private static TemplateViews.Template template(String kind, String upload, String description, List<String> header,
            List<TemplateViews.Column> columns) {
        List<String> named = columns.stream().map(TemplateViews.Column::name).toList();
        if (!named.equals(header)) {
            throw new IllegalStateException("the " + kind + " template names " + named + ", the upload reads " + header);
        }
        return new TemplateViews.Template(kind, upload, description, columns, "/v1/upload-templates/" + kind);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
