package org.openpbr.clustering.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.openpbr.clustering.ClusteringApi.assessment;
import static org.openpbr.clustering.ClusteringApi.ratings;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openpbr.clustering.ClusteringApi;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A small provider (RQ9, commissioner 99Q, used by no other test) whose data-quality figures are
 * worked out by hand below; then the feed, the commissioner's views and the MHSDS extracts.
 */
@QuarkusTest
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityFeedAndExportTest {

    static final TestTokens RQ9 = TestTokens.user("lead.rq9").org("RQ9", OrgType.PROVIDER).roles("clinician",
            "clinical-lead");
    static final TestTokens COMMISSIONER = TestTokens.user("analyst.99q").org("99Q", OrgType.COMMISSIONER)
            .roles("analyst");
    static final TestTokens CONTRACTS = TestTokens.user("contracts.99q").org("99Q", OrgType.COMMISSIONER)
            .roles("contract-manager");
    // The service accounts as the realm grants them.
    static final TestTokens COSTING = TestTokens.service("costing-service").roles("episodes-reader");
    static final TestTokens CONTRACT = TestTokens.service("contract-service").roles("episodes-reader",
            "allocations-reader", "tariffs-reader");
    static final TestTokens OUTCOMES = TestTokens.service("outcomes-service").roles("assessments-reader");
    static final Map<String, Object> CRISIS = ratings("6", 4, "1", 4, "10", 2, "A", 2, "7", 1);
    static final LocalDate D = LocalDate.now();

    private final Map<String, String[]> patients = new HashMap<>();

    private String[] patient(String localId) {
        String id = api(RQ9).contentType(ContentType.JSON)
                .body(Map.of("localId", localId, "nhsNumber", ClusteringApi.nhsNumber(700 + patients.size()),
                        "dateOfBirth", "1975-03-01"))
                .post("/v1/patients").then().statusCode(201).extract().path("id");
        String spell = api(RQ9).contentType(ContentType.JSON)
                .body(Map.of("commissionerCode", "99Q", "startDate", D.minusDays(90).toString(), "source", "GP"))
                .post("/v1/patients/" + id + "/care-spells").then().statusCode(201).extract().path("id");
        String[] p = { id, spell };
        patients.put(localId, p);
        return p;
    }

    private void record(String[] p, int daysAgo, String reason, Map<String, Object> ratings, String team, String rater,
            Map<String, Object> allocation) {
        Map<String, Object> body = assessment(p, D.minusDays(daysAgo), reason, ratings);
        body.put("team", team);
        body.put("rater", rater);
        if (allocation != null) {
            body.put("allocation", allocation);
        }
        api(RQ9).contentType(ContentType.JSON).body(body).post("/v1/assessments").then().statusCode(201);
    }

    /** Once per class (RestAssured knows the random test port only once the tests run, not in @BeforeAll). */
    @BeforeEach
    void recordTheProvidersYear() {
        if (!patients.isEmpty()) {
            return;
        }
        // P1: 14 as suggested, 50 days ago; review due after 28 days, so overdue at the period end.
        record(patient("Q-P1"), 50, "INITIAL", CRISIS, "CMHT-NORTH", "C1", Map.of("code", "14"));
        // P2: 13 chosen over the suggested 14 (override; 13 breaks its red rules), 12-month review.
        record(patient("Q-P2"), 40, "INITIAL", CRISIS, "CMHT-NORTH", "C1",
                Map.of("code", "13", "overrideReason", "CLINICAL_JUDGEMENT", "overrideText", "history"));
        // P3: 01 as suggested 30 days ago, discharged 5 days later: early clustering.
        String[] p3 = patient("Q-P3");
        record(p3, 30, "INITIAL", ratings(), "CMHT-NORTH", "C1", Map.of("code", "01"));
        record(p3, 25, "DISCHARGE", ratings(), "CMHT-NORTH", "C1", null);
        // P4: variance (00) chosen over the suggested 01.
        record(patient("Q-P4"), 20, "INITIAL", ratings(), "CMHT-NORTH", "C1",
                Map.of("code", "00", "overrideReason", "NEEDS_NOT_CAPTURED_BY_RATINGS"));
        // P5: two raters two days apart in the crisis team; the first allocates 14.
        String[] p5 = patient("Q-P5");
        record(p5, 10, "INITIAL", CRISIS, "CRISIS-1", "C2", Map.of("code", "14"));
        record(p5, 8, "OTHER", CRISIS, "CRISIS-1", "C3", null);
        // The independent provider NZ1 refers P1 (same NHS number) already clustered, for the same commissioner.
        api(ClusteringApi.independentClinician()).header("Idempotency-Key", "nz1-77").contentType(ContentType.JSON)
                .body(REFERRAL).post("/v1/referrals").then().statusCode(201).body("episode.code", equalTo("14"))
                .body("providerCode", equalTo("NZ1"));
    }

    static final Map<String, Object> REFERRAL = Map.of(
            "patient", Map.of("localId", "NZ1-77", "nhsNumber", ClusteringApi.nhsNumber(700), "dateOfBirth", "1975-03-01"),
            "careSpell", Map.of("commissionerCode", "99Q", "startDate", D.minusDays(3).toString(), "source", "GP"),
            "assessment", Map.of("assessedOn", D.minusDays(3).toString(), "reason", "INITIAL", "ratings", CRISIS,
                    "rater", "N1", "team", "NZ1-COMMUNITY", "allocation", Map.of("code", "14")));

    private JsonPath quality(TestTokens token, String groupBy) {
        return api(token).queryParam("from", D.minusDays(60).toString()).queryParam("to", D.toString())
                .queryParam("groupBy", groupBy).get("/v1/quality").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void the_providers_measures_match_the_hand_worked_figures() {
        JsonPath q = quality(RQ9, "TEAM");
        // At the period end: P1 (14), P2 (13), P4 (00), P5 (14); P3 was discharged.
        assertThat(q.getInt("total.peopleWithCluster.count")).isEqualTo(4);
        // P1's review fell due 22 days ago; the other three are within their review period.
        assertThat(q.getInt("total.withinReviewPeriod.count")).isEqualTo(3);
        assertThat(q.getDouble("total.withinReviewPeriod.share")).isEqualTo(0.75);
        assertThat(q.getInt("total.inVariance.count")).isEqualTo(1);
        assertThat(q.getList("total.caseload.code")).containsExactly("00", "13", "14");
        assertThat(q.getList("total.caseload.count")).containsExactly(1, 1, 2);
        // Within review, code by code: 00 (P4) and 13 (P2) yes; of 14, P5 yes and P1 overdue.
        assertThat(q.getList("total.caseload.withinReviewPeriod.count")).containsExactly(1, 1, 1);
        assertThat(q.getList("total.caseload.withinReviewPeriod.of")).containsExactly(1, 1, 2);
        assertThat(q.getDouble("total.caseload[2].withinReviewPeriod.share")).isEqualTo(0.5);
        // 5 allocations, 2 overrides (one each of two reasons).
        assertThat(q.getInt("total.allocations.count")).isEqualTo(5);
        assertThat(q.getDouble("total.overrides.share")).isEqualTo(0.4);
        assertThat(q.getList("total.overrideReasons.reason")).containsExactly("CLINICAL_JUDGEMENT",
                "NEEDS_NOT_CAPTURED_BY_RATINGS");
        // Chosen codes with a grid: 14 (meets), 13 (breaks), 01 (meets), 14 (meets); 00 has no grid.
        assertThat(q.getInt("total.chosenMeetingRedRules.count")).isEqualTo(3);
        assertThat(q.getInt("total.chosenMeetingRedRules.of")).isEqualTo(4);
        // 5 first allocations in the period; P3 ended 5 days after its first.
        assertThat(q.getInt("total.earlyClustering.count")).isEqualTo(1);
        assertThat(q.getDouble("total.earlyClustering.share")).isEqualTo(0.2);
        // One pair of raters (P5); with one pair, kappa is undefined and left out.
        assertThat(q.getInt("total.interRater.pairs")).isEqualTo(1);
        assertThat(q.getString("total.interRater.codeKappa")).isNull();
        assertThat(q.getList("groups.key")).containsExactly("CMHT-NORTH", "CRISIS-1");
        assertThat(q.getInt("groups[1].peopleWithCluster.count")).isEqualTo(1);

        // The same measures as CSV, one row per group after the total: 4 people with a cluster, 3 of
        // them within review (0.75), 5 allocations with 2 overrides (0.4), 3 of 4 meeting red rules.
        String csv = api(RQ9).accept("text/csv").queryParam("from", D.minusDays(60).toString())
                .queryParam("to", D.toString()).queryParam("groupBy", "TEAM").get("/v1/quality").then().statusCode(200)
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("group_by,key,people_with_cluster_count,people_with_cluster_of,"
                + "people_with_cluster_share,people_with_cluster_suppressed,within_review_period_count,");
        assertThat(lines[1]).startsWith("TEAM,ALL,4,").contains(",3,4,0.75,").contains(",5,").contains(",2,5,0.4,")
                .contains(",3,4,0.75,").endsWith(",1,");
        assertThat(lines[2]).startsWith("TEAM,CMHT-NORTH,");
    }

    @Test
    void a_commissioner_sees_only_its_population_with_small_numbers_suppressed() {
        JsonPath q = quality(COMMISSIONER, "PROVIDER");
        assertThat(q.getBoolean("smallNumbersSuppressed")).isTrue();
        assertThat(q.getList("groups.key")).containsExactly("NZ1", "RQ9");
        // RQ9's 4 people at the period end plus NZ1's 1: 5, shown; NZ1's single person is suppressed.
        assertThat(q.getInt("total.peopleWithCluster.count")).isEqualTo(5);
        assertThat(q.getString("groups[0].peopleWithCluster.count")).isNull();
        assertThat(q.getBoolean("groups[0].peopleWithCluster.suppressed")).isTrue();
        assertThat(q.getBoolean("groups[1].peopleWithCluster.suppressed")).isTrue();
        assertThat(q.getInt("total.allocations.count")).isEqualTo(6);
        assertThat(q.getBoolean("total.overrides.suppressed")).isTrue();
        badRequest().header("Authorization", COMMISSIONER.bearer()).queryParam("from", D.minusDays(60).toString())
                .queryParam("to", D.toString()).queryParam("groupBy", "CLINICIAN").get("/v1/quality").then()
                .statusCode(400);
        TestTokens other = TestTokens.user("analyst.other").org("11X", OrgType.COMMISSIONER).roles("analyst");
        assertThat(quality(other, "PROVIDER").getList("groups")).isEmpty();
    }

    @Test
    void the_commissioners_population_is_pseudonymised_stable_and_for_contract_managers_only() {
        String body = api(CONTRACTS).get("/v1/population/episodes?limit=1000").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body(not(containsString("Q-P1"))).body(not(containsString("9434765919")))
                .body(not(containsString(patients.get("Q-P1")[0]))).extract().asString();
        List<String> pseudonyms = JsonPath.from(body).getList("items.pseudonym");
        // P1-P5 have one episode each with RQ9; P1 also has one with NZ1 and keeps the same pseudonym there.
        assertThat(pseudonyms).hasSize(6).allMatch(p -> p.matches("P-[0-9a-f]{32}"));
        assertThat(new java.util.HashSet<>(pseudonyms)).hasSize(5);
        String again = api(CONTRACTS).get("/v1/population/episodes?limit=1000").then().extract().asString();
        assertThat(JsonPath.from(again).getList("items.pseudonym")).isEqualTo(pseudonyms);
        // Record-level data is for payment validation: an analyst gets the aggregates only.
        badRequest().header("Authorization", COMMISSIONER.bearer()).get("/v1/population/episodes").then().statusCode(403);
        badRequest().header("Authorization", RQ9.bearer()).get("/v1/population/episodes").then().statusCode(403);
    }

    @Test
    void a_contract_manager_filters_the_population_by_code_team_provider_and_dates() {
        // The six episodes: P1 14 (RQ9, from 50 days ago), P2 13, P3 01 (ended 25 days ago), P4 00,
        // P5 14 (team CRISIS-1, from 10 days ago), and P1 14 again with NZ1 (3 days ago).
        assertThat(population("code=14")).hasSize(3);
        assertThat(population("code=14&provider=RQ9")).hasSize(2);
        assertThat(population("team=CRISIS-1")).hasSize(1);
        assertThat(population("from=" + D.minusDays(24))).hasSize(5);
        assertThat(population("to=" + D.minusDays(35))).hasSize(2);
        // Overlapping 24 to 5 days ago in 14: P1 at RQ9 (still open) and P5; P1's NZ1 episode starts later.
        assertThat(population("from=" + D.minusDays(24) + "&to=" + D.minusDays(5) + "&code=14")).hasSize(2);
        // The next page's link keeps the filters.
        String next = api(CONTRACTS).get("/v1/population/episodes?code=14&limit=1").then().statusCode(200)
                .body("items[0].team", equalTo("CMHT-NORTH")).extract().path("next");
        assertThat(next).contains("code=14");
        badRequest().header("Authorization", CONTRACTS.bearer())
                .get("/v1/population/episodes?from=" + D + "&to=" + D.minusDays(1)).then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        badRequest().header("Authorization", CONTRACTS.bearer()).get("/v1/population/episodes?provider=rq9").then()
                .statusCode(400).body("errors[0].field", equalTo("provider"));
    }

    private List<Object> population(String query) {
        return api(CONTRACTS).get("/v1/population/episodes?limit=1000&" + query).then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    @Test
    void the_feed_carries_the_same_pseudonym_as_the_commissioners_view() {
        List<String> population = api(CONTRACTS).get("/v1/population/episodes?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("items.pseudonym");
        java.util.Set<String> fromFeed = new java.util.HashSet<>();
        java.util.Set<String> p1 = new java.util.HashSet<>();
        String after = "";
        for (int page = 0; page < 100; page++) {
            JsonPath feed = api(CONTRACT).get("/v1/feed?limit=1000&after=" + after).then().statusCode(200).extract().jsonPath();
            fromFeed.addAll(feed.getList("items.findAll { it.type == 'EPISODE' && it.episode.commissionerCode == '99Q' }.pseudonym"));
            p1.addAll(feed.getList("items.findAll { it.localId == 'Q-P1' && it.type == 'EPISODE' }.pseudonym"));
            after = feed.getString("resumeAfter");
            if (feed.getString("next") == null) {
                break;
            }
        }
        assertThat(fromFeed).isEqualTo(new java.util.HashSet<>(population));
        assertThat(p1).as("one person, one pseudonym in every change").hasSize(1);
    }

    @Test
    void each_service_account_reads_only_the_kinds_of_change_its_roles_grant() {
        assertThat(api(COSTING).get("/v1/feed?limit=1000").then().statusCode(200).extract().jsonPath()
                .<String>getList("items.type")).isNotEmpty().containsOnly("EPISODE");
        assertThat(api(CONTRACT).get("/v1/feed?limit=1000").then().statusCode(200).extract().jsonPath()
                .<String>getList("items.type")).contains("ALLOCATION", "EPISODE").doesNotContain("ASSESSMENT");
        assertThat(api(OUTCOMES).get("/v1/feed?limit=1000").then().statusCode(200).extract().jsonPath()
                .<String>getList("items.type")).isNotEmpty().containsOnly("ASSESSMENT");
        badRequest().header("Authorization", TestTokens.service("clustering-service").bearer()).get("/v1/feed").then()
                .statusCode(403);
        badRequest().header("Authorization", TestTokens.user("sneaky").org("RQ9", OrgType.PROVIDER)
                .roles("clinician", "episodes-reader").bearer()).get("/v1/feed").then().statusCode(403);
    }

    @Test
    void the_feed_is_for_service_accounts_and_serves_changes_in_order() {
        badRequest().header("Authorization", RQ9.bearer()).get("/v1/feed").then().statusCode(403);
        TestTokens all3 = TestTokens.service("all-readers").roles("episodes-reader", "allocations-reader",
                "assessments-reader");
        JsonPath first = api(all3).get("/v1/feed?limit=5").then().statusCode(200).extract().jsonPath();
        List<Integer> seqs = first.getList("items.seq");
        assertThat(seqs).hasSize(5).isSorted();
        String next = first.getString("next");
        assertThat(next).isNotNull();
        JsonPath all = api(all3).get("/v1/feed?limit=1000").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.type")).contains("ASSESSMENT", "ALLOCATION", "EPISODE");
        // A short page is the first changes of every kind together, in order: each kind is limited before the union.
        assertThat(seqs).isEqualTo(all.getList("items.seq").subList(0, 5));
        assertThat(all.getList("items.seq")).isSorted().doesNotHaveDuplicates();
        assertThat(all.getString("")).doesNotContain("9434765919");
        // P3's episode ended: the feed serves it with its end.
        assertThat(all.getList("items.findAll { it.localId == 'Q-P3' && it.type == 'EPISODE' }.episode.endReason"))
                .containsExactly("DISCHARGED");
        // Each episode names the allocation that started it; each allocation its assessment's date and scheme.
        List<java.util.Map<String, Object>> items = all.getList("items");
        java.util.Map<String, java.util.Map<String, Object>> allocations = new java.util.HashMap<>();
        java.util.Map<String, String> assessedOn = new java.util.HashMap<>();
        for (java.util.Map<String, Object> item : items) {
            if ("ALLOCATION".equals(item.get("type"))) {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> allocation = (java.util.Map<String, Object>) item.get("allocation");
                allocations.put((String) allocation.get("id"), allocation);
            } else if ("ASSESSMENT".equals(item.get("type"))) {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> assessment = (java.util.Map<String, Object>) item.get("assessment");
                assessedOn.put((String) assessment.get("id"), (String) assessment.get("assessedOn"));
            }
        }
        assertThat(allocations).isNotEmpty();
        for (java.util.Map<String, Object> allocation : allocations.values()) {
            assertThat(allocation.get("assessedOn")).isEqualTo(assessedOn.get(allocation.get("assessmentId")));
            assertThat(allocation.get("scheme")).isEqualTo("mh-care-clusters");
        }
        List<String> started = all.getList("items.findAll { it.type == 'EPISODE' }.episode.allocationId");
        assertThat(started).isNotEmpty().allSatisfy(id -> assertThat(allocations).containsKey(id));
        String resume = all.getString("resumeAfter");
        api(all3).get("/v1/feed?after=" + resume).then().statusCode(200).body("items.size()", equalTo(0))
                .body("next", nullValue());
    }

    @Test
    void mhsds_extracts_carry_the_providers_assessments_scores_and_clusters() {
        String from = D.minusDays(60).toString();
        String to = D.toString();
        String mhs801 = api(RQ9).accept("text/csv").get("/v1/exports/mhsds/MHS801?from=" + from + "&to=" + to).then()
                .statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = mhs801.split("\r\n");
        assertThat(lines[0]).startsWith("MHS801UniqID,LocalPatientId,NHSNumber,AssToolCompDate");
        assertThat(lines).hasSize(1 + 7);
        assertThat(mhs801).contains("Q-P1").contains(",14,Psychosis,");
        String mhs802 = api(RQ9).accept("text/csv").get("/v1/exports/mhsds/MHS802?from=" + from + "&to=" + to).then()
                .statusCode(200).extract().asString();
        assertThat(mhs802.split("\r\n")).hasSize(1 + 7 * 18);
        String mhs803 = api(RQ9).accept("text/csv").get("/v1/exports/mhsds/MHS803?from=" + from + "&to=" + to).then()
                .statusCode(200).extract().asString();
        assertThat(mhs803.split("\r\n")).hasSize(1 + 5);
        badRequest().header("Authorization", RQ9.bearer()).accept("text/csv")
                .get("/v1/exports/mhsds/MHS999?from=" + from + "&to=" + to).then().statusCode(404);
        badRequest().header("Authorization", COMMISSIONER.bearer()).accept("text/csv")
                .get("/v1/exports/mhsds/MHS801?from=" + from + "&to=" + to).then().statusCode(403);
    }

    @Test
    void an_independent_provider_submits_a_clustered_referral_in_one_call_and_both_providers_keep_their_episodes() {
        TestTokens isp = ClusteringApi.independentClinician();
        String patientId = api(isp).header("Idempotency-Key", "nz1-77").contentType(ContentType.JSON).body(REFERRAL)
                .post("/v1/referrals").then().statusCode(201).header("Idempotent-Replayed", "true")
                .extract().path("patientId");
        api(isp).get("/v1/patients/" + patientId + "/episodes").then().body("items.size()", equalTo(1))
                .body("items[0].endDate", nullValue());
        // The same person is in an episode with RQ9 (P1) and now with NZ1: both open, each seen by its own provider.
        api(RQ9).get("/v1/patients/" + patients.get("Q-P1")[0] + "/episodes").then()
                .body("items[0].endDate", nullValue());

        Map<String, Object> broken = Map.of(
                "patient", Map.of("localId", "", "dateOfBirth", "1975-03-01"),
                "careSpell", Map.of("commissionerCode", "x", "startDate", D.toString(), "source", "GP"),
                "assessment", Map.of("assessedOn", D.toString(), "reason", "INITIAL", "ratings", CRISIS,
                        "rater", "N1", "team", "T"));
        badRequest().header("Authorization", isp.bearer()).contentType(ContentType.JSON).body(broken)
                .post("/v1/referrals").then().statusCode(400)
                .body("errors.field", hasItem("patient.localId"))
                .body("errors.field", hasItem("careSpell.commissionerCode"))
                .body("errors.field", hasItem("assessment.allocation"));
    }
}
