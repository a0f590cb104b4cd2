package org.openpbr.costing.period;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.openpbr.costing.CostingApi.activity;
import static org.openpbr.costing.CostingApi.centres;
import static org.openpbr.costing.CostingApi.episodes;
import static org.openpbr.costing.CostingApi.finance;
import static org.openpbr.costing.CostingApi.money;
import static org.openpbr.costing.CostingApi.ledger;
import static org.openpbr.costing.CostingApi.period;
import static org.openpbr.testing.Api.api;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Loading cost centres, periods, ledgers, activity and episodes: good files, bad files, the same file twice. */
@QuarkusTest
@ServiceTest
class LoadingApiTest {

    private static final TestTokens RL1 = finance("RL1");
    private static boolean loaded;

    @BeforeEach
    void trust() {
        if (loaded) {
            return;
        }
        centres(RL1, "code,name,type\nSUP,Estates,SUPPORT\nWARD,Acute ward,INPATIENT_WARD\nCMHT,Community team,COMMUNITY_TEAM\n");
        period(RL1, "2025-26", "2025-04-01", "2026-03-31");
        loaded = true;
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void a_committed_activity_load_has_its_statistics_refreshed_for_the_next_run() throws Exception {
        period(RL1, "S1", "2025-04-01", "2026-03-31");
        java.time.Instant before = java.time.Instant.now();
        activity(RL1, "S1", "bed-days", "patient_id,bed_date,ward\nP1,2025-04-01,WARD\n").statusCode(201);
        org.assertj.core.api.Assertions.assertThat(lastAnalysed("bed_day", before)).isAfterOrEqualTo(before);
    }

    @Test
    void an_episode_upload_of_a_thousand_or_more_has_the_episodes_statistics_refreshed_for_the_next_run()
            throws Exception {
        StringBuilder file = new StringBuilder("episode_id,patient_id,code,start_date,end_date,review_due,"
                + "commissioner_code,team\n");
        for (int i = 1; i <= StatisticsRefresh.EPISODES_WORTH_ANALYSING; i++) {
            file.append("S").append(i).append(",SP").append(i).append(",11,2025-04-01,,2026-04-01,15N,T1\n");
        }
        java.time.Instant before = java.time.Instant.now();
        episodes(finance("RL8"), file.toString()).statusCode(201);
        org.assertj.core.api.Assertions.assertThat(lastAnalysed("cluster_episode", before)).isAfterOrEqualTo(before);
    }

    /** When PostgreSQL last analysed the table, waiting up to 10 s for an analysis after {@code since} (it runs in the background). */
    private java.time.Instant lastAnalysed(String table, java.time.Instant since) throws Exception {
        java.time.Instant analysed = null;
        for (int i = 0; i < 100 && (analysed == null || analysed.isBefore(since)); i++) {
            Thread.sleep(100);
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                    "select last_analyze from pg_stat_user_tables where relname = ?")) {
                s.setString(1, table);
                try (java.sql.ResultSet r = s.executeQuery()) {
                    analysed = r.next() && r.getTimestamp(1) != null ? r.getTimestamp(1).toInstant() : null;
                }
            }
        }
        return analysed;
    }

    /** A trust-sized episode file (more people than one SQL statement can take as parameters) loads whole. */
    @Test
    void an_episode_file_of_70000_people_loads_in_one_go_and_a_second_counts_what_changed() {
        TestTokens rl9 = finance("RL9");
        String header = "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n";
        StringBuilder file = new StringBuilder(header);
        for (int i = 1; i <= 70_000; i++) {
            file.append("E").append(i).append(",P ").append(i).append(",11,2025-04-01,,2026-04-01,15N,T1\n");
        }
        episodes(rl9, file.toString()).statusCode(201).body("created", equalTo(70_000)).body("updated", equalTo(0));
        file.append("E70001,P 1,04,2024-04-01,2024-06-30,2024-10-01,15N,T1\n");
        episodes(rl9, file.toString()).statusCode(201).body("created", equalTo(1)).body("updated", equalTo(0))
                .body("unchanged", equalTo(70_000));
        episodes(rl9, header + "E70002,P 2,04,2025-05-01,,2025-11-01,15N,T1\n").statusCode(400)
                .body("errors[0].message", containsString("overlaps episode E2 (already loaded)"));
    }

    @Test
    void cost_centres_are_listed_and_a_bad_list_changes_nothing() {
        api(RL1).get("/v1/cost-centres").then().statusCode(200).body("items.code", hasItems("CMHT", "SUP", "WARD"))
                .body("items.find { it.code == 'WARD' }.type", equalTo("INPATIENT_WARD"));
        api(RL1).contentType("text/csv").body("code,name,type\nNEW,New,SUPPORT\nWARD,Ward,HOSPITAL\nNEW,Again,SUPPORT\n,x,SUPPORT\n")
                .put("/v1/cost-centres").then().statusCode(400)
                .body("errors.field", hasItems("line 3, type", "line 4, code", "line 5, code"))
                .body("errors.find { it.field == 'line 4, code' }.message", containsString("repeats line 2"));
        api(RL1).get("/v1/cost-centres").then().body("items.code", not(hasItem("NEW")));
    }

    @Test
    void a_period_is_whole_months_and_lists_them() {
        period(RL1, "2024-25", "2024-04-01", "2025-03-31");
        api(RL1).get("/v1/periods/2024-25").then().statusCode(200).body("months", hasSize(12))
                .body("months[0]", equalTo("2024-04")).body("ledger", nullValue());
        api(RL1).contentType(ContentType.JSON).body(Map.of("code", "bad", "startDate", "2025-04-02", "endDate", "2026-05-31"))
                .post("/v1/periods").then().statusCode(400)
                .body("errors.field", hasItems("startDate", "endDate"));
    }

    @Test
    void a_ledger_with_faults_is_refused_whole_with_every_fault_listed() {
        period(RL1, "2023-24", "2023-04-01", "2024-03-31");
        ledger(RL1, "2023-24", "cost_centre,expense_type,amount,social_care\n"
                + "CMHT,Nursing,1000.00,N\n"
                + "NOPE,Nursing,10.00,N\n"
                + "CMHT,Drugs,12.345,N\n"
                + "CMHT,Agency,£40,N\n"
                + "WARD,Nursing,5.00,maybe\n"
                + "CMHT,Nursing,3.00,N\n").statusCode(400)
                .body("detail", containsString("5 faults"))
                .body("errors.field", hasItems("line 3, cost_centre", "line 4, amount", "line 5, amount",
                        "line 6, social_care", "line 7, expense_type"));
        api(RL1).get("/v1/periods/2023-24").then().body("ledger", nullValue());
        ledger(RL1, "2023-24", "amount,cost_centre\n1,CMHT\n").statusCode(400)
                .body("errors.field", hasItems("line 1, expense_type", "line 1, social_care"));
    }

    @Test
    void the_same_ledger_twice_changes_nothing_and_a_new_one_replaces_it() {
        String tb = "cost_centre,expense_type,amount,social_care\nSUP,Estates,100.00,false\nCMHT,Social work,50.50,true\n";
        ledger(RL1, "2025-26", tb).statusCode(201).body("rows", equalTo(2));
        ledger(RL1, "2025-26", tb).statusCode(200).header("Idempotent-Replayed", "true");
        api(RL1).get("/v1/periods/2025-26").then().body("ledger.lines", equalTo(2))
                .body("ledger.total", money("150.50")).body("ledger.socialCare", money("50.50"));
        ledger(RL1, "2025-26", tb + "WARD,Nursing,-20.00,N\n").statusCode(201);
        api(RL1).get("/v1/periods/2025-26").then().body("ledger.lines", equalTo(3)).body("ledger.total", money("130.50"));
    }

    @Test
    void a_bad_activity_file_lists_every_row_fault_and_loads_nothing() {
        period(RL1, "A1", "2025-04-01", "2026-03-31");
        activity(RL1, "A1", "contacts", "contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                + "K1,P1,2025-05-01,CMHT,Nurse,30\n"
                + "K2,P1,2025-05-01,NOPE,Nurse,30\n"
                + "K3,P1,2025-05-01,WARD,Nurse,30\n"
                + "K4,P1,2025-13-01,CMHT,Nurse,30\n"
                + "K5,P1,2026-04-01,CMHT,Nurse,30\n"
                + "K6,P1,2025-05-01,CMHT,Nurse,-5\n"
                + "K7,P1,2025-05-01,CMHT,Nurse\n"
                + "K1,P2,2025-05-02,CMHT,Nurse,10\n").statusCode(400)
                .body("detail", containsString("7 faults"))
                .body("errors.field", hasItems("line 3, cost_centre", "line 4, cost_centre", "line 5, contact_date",
                        "line 6, contact_date", "line 7, minutes", "line 8", "line 9, contact_id"))
                .body("errors.find { it.field == 'line 3, cost_centre' }.message", containsString("not one of your cost centres"))
                .body("errors.find { it.field == 'line 4, cost_centre' }.message", containsString("INPATIENT_WARD"))
                .body("errors.find { it.field == 'line 6, contact_date' }.message", containsString("outside the period"))
                .body("errors.find { it.field == 'line 7, minutes' }.message", equalTo("must not be negative"))
                .body("errors.find { it.field == 'line 9, contact_id' }.message", containsString("repeats line 2"));
        api(RL1).get("/v1/periods/A1").then().body("activity.contacts", equalTo(0));
        activity(RL1, "A1", "contacts", "contact_id,patient,date\nK1,P1,2025-05-01\n").statusCode(400)
                .body("errors.field", hasItems("line 1, patient", "line 1, date", "line 1, patient_id", "line 1, minutes"));
    }

    /** Spreadsheets save other encodings than UTF-8: the Content-Type's charset says which. */
    @Test
    void a_file_is_read_in_the_character_set_its_content_type_names() {
        period(RL1, "A5", "2025-04-01", "2026-03-31");
        byte[] utf16 = ("contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                + "U1,P1,2025-06-01,CMHT,Nurse,45\nU2,P2,2025-06-02,CMHT,Nurse,30\n").getBytes(StandardCharsets.UTF_16);
        api(RL1).contentType("text/csv; charset=UTF-8").body(utf16).post("/v1/periods/A5/activity/contacts").then()
                .statusCode(400).body("errors[0].message", startsWith("the file is not UTF-8 text"));
        api(RL1).contentType("text/csv; charset=klingon").body(utf16).post("/v1/periods/A5/activity/contacts").then()
                .statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("klingon is not known"));
        api(RL1).get("/v1/periods/A5").then().body("activity.contacts", equalTo(0));
        api(RL1).contentType("text/csv; charset=UTF-16").body(utf16).post("/v1/periods/A5/activity/contacts").then()
                .statusCode(201).body("rows", equalTo(2));
        // the same bytes again are the same file, whatever the encoding
        api(RL1).contentType("text/csv; charset=UTF-16").body(utf16).post("/v1/periods/A5/activity/contacts").then()
                .statusCode(200).header("Idempotent-Replayed", "true");
        api(RL1).contentType("text/csv; charset=windows-1252")
                .body("cost_centre,expense_type,amount,social_care\nCMHT,Nursing,10.00,false\n".getBytes(StandardCharsets.US_ASCII))
                .put("/v1/periods/A5/ledger").then().statusCode(201);

        TestTokens rl6 = finance("RL6");
        byte[] centres = "code,name,type\nCAFE,Caf\u00e9 Pl\u00fcs ward,INPATIENT_WARD\n".getBytes(Charset.forName("windows-1252"));
        api(rl6).contentType("text/csv; charset=UTF-8").body(centres).put("/v1/cost-centres").then().statusCode(400)
                .body("errors[0].message", startsWith("the file is not UTF-8 text"));
        api(rl6).get("/v1/cost-centres").then().body("items", hasSize(0));
        api(rl6).contentType("text/csv; charset=windows-1252").body(centres).put("/v1/cost-centres").then()
                .statusCode(200);
        api(rl6).get("/v1/cost-centres").then().body("items[0].name", equalTo("Caf\u00e9 Pl\u00fcs ward"));
    }

    @Test
    void activity_loads_once_and_a_key_already_loaded_is_refused() {
        period(RL1, "A2", "2025-04-01", "2026-03-31");
        String file = "contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\nA1,P1,2025-06-01,CMHT,Nurse,45\n"
                + "A2,P2,2025-06-02,CMHT,Psychologist,60\n";
        activity(RL1, "A2", "contacts", file).statusCode(201).body("rows", equalTo(2)).body("kind", equalTo("CONTACTS"));
        activity(RL1, "A2", "contacts", file).statusCode(200).header("Idempotent-Replayed", "true");
        activity(RL1, "A2", "contacts", "contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                + "A3,P1,2025-06-03,CMHT,Nurse,15\nA2,P9,2025-06-04,CMHT,Nurse,15\n").statusCode(400)
                .body("errors[0].field", equalTo("line 3, contact_id"))
                .body("errors[0].message", containsString("already loaded by upload"));
        api(RL1).get("/v1/periods/A2").then().body("activity.contacts", equalTo(2));
    }

    @Test
    void bed_days_and_group_sessions_are_checked_too() {
        period(RL1, "A3", "2025-04-01", "2026-03-31");
        activity(RL1, "A3", "bed-days", "patient_id,bed_date,ward\nB1,2025-07-01,WARD\nB1,2025-07-01,WARD\nB2,2025-07-01,CMHT\n")
                .statusCode(400).body("errors.field", hasItems("line 3, patient_id", "line 4, ward"));
        activity(RL1, "A3", "group-sessions", "session_id,session_date,cost_centre,staff_group,minutes,attendees\n"
                + "G1,2025-07-01,CMHT,Nurse,90,P1;P2;P3\nG2,2025-07-01,CMHT,Nurse,90,P1;P1\nG3,2025-07-01,CMHT,Nurse,90,\n")
                .statusCode(400).body("errors.field", hasItems("line 3, attendees", "line 4, attendees"));
        activity(RL1, "A3", "group-sessions", "session_id,session_date,cost_centre,staff_group,minutes,attendees\n"
                + "G1,2025-07-01,CMHT,Nurse,90,P1;P2;P3\n").statusCode(201);
        activity(RL1, "A3", "bed-days", "patient_id,bed_date,ward\nB1,2025-07-01,WARD\nB1,2025-07-02,WARD\n").statusCode(201);
        api(RL1).get("/v1/periods/A3").then().body("activity.groupSessions", equalTo(1)).body("activity.bedDays", equalTo(2));
    }

    @Test
    void a_withdrawn_file_leaves_the_period_and_can_come_again() {
        period(RL1, "A4", "2025-04-01", "2026-03-31");
        String file = "patient_id,bed_date,ward\nW1,2025-08-01,WARD\n";
        int id = activity(RL1, "A4", "bed-days", file).statusCode(201).extract().path("id");
        api(RL1).delete("/v1/periods/A4/uploads/" + id).then().statusCode(200).body("withdrawnBy", equalTo("finance.rl1"));
        activity(RL1, "A4", "bed-days", file).statusCode(201);
        api(RL1).get("/v1/periods/A4/uploads").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void episodes_upload_updates_by_id_and_refuses_overlaps() {
        String header = "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n";
        episodes(RL1, header + "EP1,Q1,04,2025-04-01,,2025-10-01,15N,T1\n").statusCode(201).body("created", equalTo(1));
        episodes(RL1, header + "EP1,Q1,04,2025-04-01,,2025-10-01,15N,T1\n").statusCode(200);
        episodes(RL1, header + "EP1,Q1,04,2025-04-01,2025-05-31,2025-10-01,15N,T1\nEP2,Q1,11,2025-06-01,,2026-06-01,15N,T1\n")
                .statusCode(201).body("created", equalTo(1)).body("updated", equalTo(1));
        episodes(RL1, header + "EP3,Q1,12,2025-05-01,,2026-05-01,15N,T1\nEP4,Q2,xx!,2025-05-01,2025-04-01,2025-04-01,15n,T1\n")
                .statusCode(400).body("errors.field", hasItems("line 3, code", "line 3, end_date", "line 3, review_due",
                        "line 3, commissioner_code"));
        episodes(RL1, header + "EP3,Q1,12,2025-05-01,,2026-05-01,15N,T1\n").statusCode(400)
                .body("errors[0].message", containsString("overlaps episode"));
        api(RL1).get("/v1/episodes?patientId=Q1").then().statusCode(200).body("items", hasSize(2))
                .body("items.find { it.episodeId == 'EP1' }.endDate", equalTo("2025-05-31"));
    }
}
