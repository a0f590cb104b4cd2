package org.openpbr.clustering.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.openpbr.clustering.ClusteringApi.assessment;
import static org.openpbr.clustering.ClusteringApi.ratings;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openpbr.clustering.ClusteringApi;
import org.openpbr.platform.audit.AuditEvent;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Review lists (provider RR5, used by no other test), patient look-up by local id, and the allocation's audit (RR6). */
@QuarkusTest
@ServiceTest
class ReviewListTest {

    static final TestTokens RR5 = TestTokens.user("clinician.rr5").org("RR5", OrgType.PROVIDER).roles("clinician");
    /** The other tests' provider, so that their people never appear in RR5's review lists. */
    static final TestTokens RR6 = TestTokens.user("clinician.rr6").org("RR6", OrgType.PROVIDER).roles("clinician");
    static final Map<String, Object> CRISIS = ratings("6", 4, "1", 4, "10", 2, "A", 2, "7", 1);

    @Inject
    AuditTrail audit;

    private String[] allocate(String localId, int daysAgo, String team, String code, Map<String, Object> ratings) {
        return allocate(RR5, localId, daysAgo, team, code, ratings);
    }

    private String[] allocate(TestTokens token, String localId, int daysAgo, String team, String code,
            Map<String, Object> ratings) {
        String id = api(token).contentType(ContentType.JSON)
                .body(Map.of("localId", localId, "nhsNumber", ClusteringApi.nhsNumber(localId.hashCode() & 0xffff),
                        "dateOfBirth", "1960-01-01"))
                .post("/v1/patients").then().statusCode(201).extract().path("id");
        String spell = api(token).contentType(ContentType.JSON)
                .body(Map.of("commissionerCode", "15N", "startDate", LocalDate.now().minusDays(400).toString(),
                        "source", "GP"))
                .post("/v1/patients/" + id + "/care-spells").then().statusCode(201).extract().path("id");
        Map<String, Object> body = assessment(new String[] { id, spell }, LocalDate.now().minusDays(daysAgo), "INITIAL",
                ratings);
        body.put("team", team);
        body.put("allocation", Map.of("code", code));
        String allocation = api(token).contentType(ContentType.JSON).body(body).post("/v1/assessments").then()
                .statusCode(201).extract().path("allocation.id");
        return new String[] { id, allocation };
    }

    @Test
    void reviews_list_overdue_first_then_due_within_the_horizon_by_team_and_page_in_due_order() {
        // 14 (28-day review) allocated 40 days ago: overdue by 12 days.
        allocate("RV-OVERDUE", 40, "HTT", "14", CRISIS);
        // 14 allocated 20 days ago: due in 8 days.
        allocate("RV-SOON", 20, "HTT", "14", CRISIS);
        // 01 (84-day review) allocated 10 days ago: due in 74 days, outside a 28-day horizon.
        allocate("RV-LATER", 10, "CMHT", "01", ratings());

        JsonPath list = api(RR5).get("/v1/reviews").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.localId")).containsExactly("RV-OVERDUE", "RV-SOON");
        assertThat(list.getList("items.daysUntilDue", Integer.class)).containsExactly(-12, 8);
        assertThat(list.getList("items.overdue", Boolean.class)).containsExactly(true, false);
        assertThat(list.getList("items.code")).containsExactly("14", "14");

        assertThat(api(RR5).get("/v1/reviews?dueWithinDays=80").then().extract().jsonPath()
                .getList("items.localId")).containsExactly("RV-OVERDUE", "RV-SOON", "RV-LATER");
        assertThat(api(RR5).get("/v1/reviews?dueWithinDays=80&team=CMHT").then().extract().jsonPath()
                .getList("items.localId")).containsExactly("RV-LATER");

        JsonPath first = api(RR5).get("/v1/reviews?dueWithinDays=80&limit=2").then().extract().jsonPath();
        assertThat(first.getList("items.localId")).containsExactly("RV-OVERDUE", "RV-SOON");
        String next = first.getString("next");
        String after = next.substring(next.indexOf("after=") + 6).replaceAll("&.*", "");
        assertThat(api(RR5).get("/v1/reviews?dueWithinDays=80&limit=2&after=" + after).then().extract().jsonPath()
                .getList("items.localId")).containsExactly("RV-LATER");

        // The same list as CSV for a team leader's spreadsheet: a header and one row per review.
        String csv = api(RR5).accept("text/csv").get("/v1/reviews").then().statusCode(200)
                .contentType("text/csv; charset=UTF-8").extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("episode_id,patient_id,local_id,team,code,episode_start,review_due,days_until_due,"
                + "overdue,commissioner_code");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(",RV-OVERDUE,HTT,14,").contains(",-12,true,");
        assertThat(lines[2]).contains(",RV-SOON,HTT,14,").contains(",8,false,");

        badRequest().header("Authorization", RR5.bearer()).get("/v1/reviews?dueWithinDays=400").then().statusCode(400)
                .body("errors.field", hasItem("dueWithinDays"));
        badRequest().header("Authorization", RR5.bearer()).get("/v1/reviews?dueWithinDays=soon").then().statusCode(400);
        // Another provider's list does not include RR5's people.
        assertThat(api(ClusteringApi.trustClinician()).get("/v1/reviews?dueWithinDays=366").then().extract()
                .jsonPath().getList("items.localId")).doesNotContain("RV-OVERDUE", "RV-SOON", "RV-LATER");
    }

    @Test
    void a_patient_is_found_by_local_id_only_by_its_provider() {
        String[] p = allocate(RR6, "RV-FIND", 5, "CMHT", "01", ratings());
        api(RR6).get("/v1/patients/by-local-id/RV-FIND").then().statusCode(200).body("id", equalTo(p[0]));
        badRequest().header("Authorization", ClusteringApi.trustClinician().bearer())
                .get("/v1/patients/by-local-id/RV-FIND").then().statusCode(404);
    }

    @Test
    void an_override_is_audited_with_both_codes_the_reason_and_the_versions() {
        String id = api(RR6).contentType(ContentType.JSON)
                .body(Map.of("localId", "RV-AUDIT", "dateOfBirth", "1970-01-01")).post("/v1/patients").then()
                .statusCode(201).extract().path("id");
        String spell = api(RR6).contentType(ContentType.JSON)
                .body(Map.of("commissionerCode", "15N", "startDate", LocalDate.now().minusDays(5).toString(),
                        "source", "SELF"))
                .post("/v1/patients/" + id + "/care-spells").then().statusCode(201).extract().path("id");
        Map<String, Object> body = assessment(new String[] { id, spell }, LocalDate.now(), "INITIAL", CRISIS);
        body.put("allocation", Map.of("code", "16", "overrideReason", "NEEDS_NOT_CAPTURED_BY_RATINGS"));
        String allocation = api(RR6).contentType(ContentType.JSON).body(body).post("/v1/assessments").then()
                .statusCode(201).extract().path("allocation.id");

        List<AuditEvent> history = audit.history("allocation", allocation);
        assertThat(history).hasSize(1);
        AuditEvent event = history.get(0);
        assertThat(event.action).isEqualTo("allocation.recorded");
        assertThat(event.actorOrgCode).isEqualTo("RR6");
        assertThat(event.reason).isEqualTo("NEEDS_NOT_CAPTURED_BY_RATINGS");
        assertThat(event.details).containsEntry("suggestedCode", "14").containsEntry("chosenCode", "16")
                .containsEntry("schemeVersion", "2012-illustrative-2").containsEntry("ruleVersion", "profile-fit-1")
                .containsEntry("chosenMeetsRedRules", false);
    }
}
