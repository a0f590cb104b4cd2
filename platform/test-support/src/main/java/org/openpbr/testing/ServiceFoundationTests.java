package org.openpbr.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openpbr.platform.audit.AuditEvent;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.OrgType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * What every OpenPbR service must do from its first day, run against each service's real
 * application (embedded PostgreSQL, test OIDC server): authentication and roles, {@code /v1/me},
 * the problem+json error contract, health, metrics, and its published OpenAPI contract.
 * A service's test class extends this and adds {@code @QuarkusTest @ServiceTest}.
 */
public abstract class ServiceFoundationTests {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEMS = "https://openpbr.org/problems/";

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Inject
    AuditTrail audit;

    static TestTokens trustClinician() {
        return TestTokens.user("clinician.rx1").org("RX1", OrgType.PROVIDER).roles("clinician");
    }

    /** A deliberately wrong request (only the response is validated) from a trust clinician. */
    static RequestSpecification badRequestAsClinician() {
        return badRequest().header("Authorization", trustClinician().bearer());
    }

    // --- authentication and roles ---------------------------------------------------------------

    @Test
    void me_without_a_token_is_401_with_a_bearer_challenge() {
        badRequest().when().get("/v1/me").then()
                .statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(PROBLEMS + "unauthenticated"))
                .body("status", equalTo(401));
    }

    @Test
    void me_with_an_expired_token_is_401_invalid_token() {
        String expired = trustClinician().expiredAt(Instant.now().minusSeconds(3600)).bearer();
        badRequest().header("Authorization", expired).when().get("/v1/me").then()
                .statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    @Test
    void me_with_a_wrongly_signed_token_is_401() {
        badRequest().header("Authorization", trustClinician().wronglySigned().bearer()).when().get("/v1/me").then()
                .statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "unauthenticated"));
    }

    @Test
    void me_with_a_token_from_another_issuer_is_401() {
        badRequest().header("Authorization", trustClinician().issuer("https://elsewhere.example.org").bearer())
                .when().get("/v1/me").then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void me_with_a_token_for_another_audience_is_401() {
        badRequest().header("Authorization", trustClinician().audience("some-other-app").bearer())
                .when().get("/v1/me").then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void me_with_a_garbage_bearer_value_is_401() {
        badRequest().header("Authorization", "Bearer not-a-jwt").when().get("/v1/me").then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void me_with_a_token_lacking_any_openpbr_role_is_403() {
        TestTokens noRole = TestTokens.user("visitor").org("RX1", OrgType.PROVIDER).roles("offline_access");
        api(noRole).when().get("/v1/me").then()
                .statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "forbidden"))
                .body("status", equalTo(403));
    }

    @Test
    void me_reflects_the_claims_of_a_person() {
        TestTokens token = TestTokens.user("analyst.15n").org("15N", OrgType.COMMISSIONER)
                .roles("analyst", "offline_access", "uma_authorization");
        api(token).when().get("/v1/me").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("service", equalTo(service))
                .body("username", equalTo("analyst.15n"))
                .body("subject", not(emptyOrNullString()))
                .body("clientId", equalTo("openpbr-cli"))
                .body("orgCode", equalTo("15N"))
                .body("orgType", equalTo("COMMISSIONER"))
                .body("roles", equalTo(List.of("analyst")))
                .body("tokenExpiresAt", not(emptyOrNullString()))
                .body("warnings", equalTo(List.of()));
    }

    @Test
    void me_reflects_several_roles_sorted() {
        TestTokens token = TestTokens.user("lead.nz1").org("NZ1", OrgType.INDEPENDENT_PROVIDER)
                .roles("clinician", "clinical-lead");
        api(token).when().get("/v1/me").then()
                .statusCode(200)
                .body("orgType", equalTo("INDEPENDENT_PROVIDER"))
                .body("roles", equalTo(List.of("clinical-lead", "clinician")));
    }

    @Test
    void me_accepts_a_service_account() {
        api(TestTokens.service("costing-service")).when().get("/v1/me").then()
                .statusCode(200)
                .body("clientId", equalTo("costing-service"))
                .body("roles", equalTo(List.of("service")))
                .body("warnings", equalTo(List.of()));
    }

    @Test
    void api_answers_are_never_cached_or_sniffed_and_errors_neither() {
        api(trustClinician()).when().get("/v1/me").then()
                .statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        badRequest().when().get("/v1/me").then()
                .statusCode(401)
                .header("Cache-Control", equalTo("no-store"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        RestAssured.given().when().get("/q/health/live").then()
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void me_warns_when_the_organisation_claims_are_missing_or_wrong() {
        api(TestTokens.user("no.org").roles("clinician")).when().get("/v1/me").then()
                .statusCode(200)
                .body("orgCode", equalTo(null))
                .body("warnings.size()", equalTo(2))
                .body("warnings[0]", containsString("org_code"));
        api(TestTokens.user("odd.org").claim("org_code", "RX1").claim("org_type", "HOSPITAL").roles("clinician"))
                .when().get("/v1/me").then()
                .statusCode(200)
                .body("orgType", equalTo(null))
                .body("warnings", hasItem(containsString("'HOSPITAL'")));
    }

    // --- the house rules --------------------------------------------------------------------------

    /**
     * Classes of this service (fully qualified names) allowed to run SQL outside a {@code *Queries}
     * class, each with its reason in the overriding method. None by default.
     */
    protected java.util.Set<String> classesWithSqlOutsideQueries() {
        return java.util.Set.of();
    }

    @Test
    void the_service_keeps_the_house_rules() {
        String root = getClass().getPackageName();
        List<String> violations = ArchitectureRules.violations(root, classesWithSqlOutsideQueries());
        assertThat(violations).as("architecture rules (%s) broken in %s", ArchitectureRules.of(root).keySet(), root)
                .isEmpty();
    }

    @Test
    void rows_are_read_by_column_name() {
        assertThat(ArchitectureRules.positionalRows(java.nio.file.Path.of("src", "main", "java")))
                .as("native-query rows read by position; read them with platform.persistence.Row").isEmpty();
    }

    // --- bad input, generated from the published contract ----------------------------------------

    /**
     * A valid file for each CSV upload of the service, by {@code METHOD path} as its contract
     * writes it, which the bad-input suite spoils in every way it knows. None by default.
     */
    protected Map<String, String> csvSamples() {
        return Map.of();
    }

    /** What the bad-input suite's provider (RB1) needs to exist so its inputs reach their checks. None by default. */
    protected void prepareBadInput(TestTokens provider) {
    }

    @Test
    void every_operation_refuses_bad_input_naming_the_field_and_writes_nothing() throws Exception {
        List<TestTokens> callers = List.of(
                TestTokens.user("bad.input.provider").org("RB1", OrgType.PROVIDER).roles("clinician", "clinical-lead",
                        "finance", "contract-manager", "analyst", "admin"),
                TestTokens.user("bad.input.commissioner").org("99B", OrgType.COMMISSIONER).roles("analyst", "finance",
                        "contract-manager"),
                TestTokens.service("bad-input-service").roles("episodes-reader", "allocations-reader",
                        "assessments-reader", "tariffs-reader"));
        prepareBadInput(callers.get(0));
        BadInputSuite.Report report = new BadInputSuite(Api.contract(), callers, csvSamples()).run();
        java.nio.file.Path out = java.nio.file.Path.of("target", "bad-input-report.txt");
        java.nio.file.Files.createDirectories(out.getParent());
        StringBuilder text = new StringBuilder(service + ": " + report.inputs() + " bad inputs, "
                + report.mishandled().size() + " mishandled\n");
        BadInputSuite.perOperation(report).forEach((op, n) -> text.append("  ").append(n).append("  ").append(op).append('\n'));
        report.mishandled().forEach(o -> text.append("MISHANDLED ").append(o).append('\n'));
        java.nio.file.Files.writeString(out, text);
        assertThat(report.mishandled()).as("bad inputs not refused as a 4xx problem naming the field").isEmpty();
        assertThat(report.rowsAfter()).as("rows after the bad inputs").isEqualTo(report.rowsBefore());
    }

    @Test
    void every_example_the_contract_shows_is_valid_input() throws java.io.IOException {
        List<TestTokens> callers = List.of(
                TestTokens.user("example.provider").org("RE1", OrgType.PROVIDER).roles("clinician", "clinical-lead",
                        "finance", "contract-manager", "analyst", "admin"),
                TestTokens.user("example.commissioner").org("99E", OrgType.COMMISSIONER).roles("analyst", "finance",
                        "contract-manager"));
        List<ContractExamples.Tried> tried = new ContractExamples(Api.contract(), callers).run();
        java.nio.file.Path out = java.nio.file.Path.of("target", "contract-examples-report.txt");
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.writeString(out, String.join("\n", tried.stream().map(t -> t.operation() + " ["
                + t.mediaType() + "] " + t.status()).toList()) + "\n");
        assertThat(tried.stream().filter(t -> !t.valid()).map(ContractExamples.Tried::toString).toList())
                .as("request examples in the contract that are not valid input").isEmpty();
    }

    // --- the problem+json error contract ---------------------------------------------------------

    private static Map<String, Object> validSubmission() {
        return Map.of("localId", "P-1", "nhsNumber", "943 476 5919", "assessedOn", LocalDate.now().toString(),
                "reason", "INITIAL", "ratings", List.of(Map.of("scale", "1", "score", 2)));
    }

    private ValidatableResponse submit(Object body) {
        return badRequestAsClinician().contentType(ContentType.JSON)
                .body(body).when().post("/test/platform-probe").then();
    }

    private static void assertNoInternals(ValidatableResponse response) {
        String body = response.extract().asString();
        assertThat(body).doesNotContain("java.", "jakarta.", "com.fasterxml", "org.openpbr", "Exception", "\tat ");
    }

    @Test
    void a_valid_body_is_accepted() {
        submit(validSubmission()).statusCode(200).body("ratings", equalTo(1));
    }

    @Test
    void malformed_json_is_400_problem_with_its_position() {
        ValidatableResponse response = submit("{\"localId\": \"P-1\",, }")
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "malformed-request"))
                .body("title", not(emptyOrNullString()))
                .body("status", equalTo(400))
                .body("detail", containsString("line 1"));
        assertNoInternals(response);
    }

    @Test
    void a_body_that_is_not_an_object_is_400_problem() {
        assertNoInternals(submit("[1, 2]").statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "malformed-request")));
    }

    @Test
    void a_json_body_over_the_limit_is_413_problem_before_it_is_read() {
        String big = "{\"localId\":\"" + "x".repeat(1_100_000) + "\"}";
        assertNoInternals(submit(big).statusCode(413).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "payload-too-large"))
                .body("detail", containsString("at most 1048576 bytes")));
    }

    @Test
    void an_empty_body_is_400_problem() {
        submit("").statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "validation-failed"));
    }

    @Test
    void a_value_of_the_wrong_kind_names_the_field_and_the_expected_kind() {
        Map<String, Object> body = new HashMap<>(validSubmission());
        body.put("assessedOn", "31/12/2025");
        assertNoInternals(submit(body).statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "validation-failed"))
                .body("errors[0].field", equalTo("assessedOn"))
                .body("errors[0].message", containsString("YYYY-MM-DD")));
        body.put("assessedOn", LocalDate.now().toString());
        body.put("reason", "WHENEVER");
        submit(body).statusCode(400)
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].message", containsString("INITIAL, REVIEW, DISCHARGE"));
        body.put("reason", "INITIAL");
        body.put("ratings", List.of(Map.of("scale", "1", "score", "two")));
        submit(body).statusCode(400).body("errors[0].field", equalTo("ratings[0].score"));
    }

    @Test
    void an_unknown_field_is_rejected_not_ignored() {
        Map<String, Object> body = new HashMap<>(validSubmission());
        body.put("nhsNumbr", "9434765919");
        submit(body).statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("nhsNumbr"))
                .body("errors[0].message", containsString("localId"));
    }

    @Test
    void every_invalid_field_is_reported_at_once() {
        Map<String, Object> body = Map.of(
                "localId", " ",
                "nhsNumber", "943 476 5918",
                "assessedOn", LocalDate.now().plusDays(1).toString(),
                "ratings", List.of(Map.of("scale", "1", "score", 7), Map.of("scale", "", "score", 0)));
        ValidatableResponse response = submit(body).statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "validation-failed"))
                .body("detail", equalTo("6 fields are not valid"));
        List<String> fields = response.extract().jsonPath().getList("errors.field");
        assertThat(fields).containsExactly("assessedOn", "localId", "nhsNumber", "ratings[0].score", "ratings[1].scale",
                "reason");
        assertNoInternals(response);
    }

    @Test
    void a_bad_query_parameter_is_400_problem() {
        badRequestAsClinician().queryParam("limit", 0)
                .when().get("/test/platform-probe/numbers").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("limit"));
        badRequestAsClinician().queryParam("after", "made-up")
                .when().get("/test/platform-probe/numbers").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("after"));
        badRequestAsClinician().queryParam("limit", "many")
                .when().get("/test/platform-probe/numbers").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void a_list_is_walked_page_by_page_through_next_links_without_loss_or_repeat() {
        List<Integer> seen = new ArrayList<>();
        String next = "/test/platform-probe/numbers?limit=3";
        int pages = 0;
        while (next != null) {
            JsonPath page = RestAssured.given()
                    .header("Authorization", trustClinician().bearer())
                    .when().get(next).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items", Integer.class));
            next = page.getString("next");
            pages++;
            assertThat(pages).as("paging must end").isLessThanOrEqualTo(PlatformProbe.LIST_SIZE);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void an_unsupported_content_type_is_415_problem() {
        badRequestAsClinician().contentType(ContentType.XML)
                .body("<a/>").when().post("/test/platform-probe").then()
                .statusCode(415).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "unsupported-media-type"));
    }

    @Test
    void an_unknown_address_is_404_problem() {
        badRequestAsClinician().when().get("/v1/no-such-thing").then()
                .statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void an_unproducible_accept_header_is_406_problem() {
        badRequestAsClinician().accept("application/xml")
                .when().get("/v1/me").then()
                .statusCode(406).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "not-acceptable"));
    }

    @Test
    void a_wrong_method_is_405_problem() {
        badRequestAsClinician().when().delete("/v1/me").then()
                .statusCode(405).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "method-not-allowed"));
    }

    @Test
    void a_clash_with_stored_data_is_409_problem_that_quotes_no_values_and_writes_nothing() throws SQLException {
        ValidatableResponse response = badRequestAsClinician()
                .when().post("/test/platform-probe/duplicate").then()
                .statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "conflict"))
                .body("detail", containsString("already exists"));
        assertNoInternals(response);
        assertThat(response.extract().asString()).doesNotContain("9434765919", "audit_event", "23505");
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresTestResource.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from audit_event where id = -1")) {
            r.next();
            assertThat(r.getInt(1)).as("the first insert was rolled back with the second").isZero();
        }
    }

    @Test
    void an_unexpected_failure_is_500_problem_with_an_incident_and_no_internals() {
        ValidatableResponse response = badRequestAsClinician()
                .when().get("/test/platform-probe/failure").then()
                .statusCode(500).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "internal-error"))
                .body("instance", startsWith("urn:uuid:"));
        assertNoInternals(response);
        assertThat(response.extract().asString()).doesNotContain("943 476 5919", "probe failure");
    }

    // --- operations: health, metrics, OpenAPI, Swagger UI ---------------------------------------

    @Test
    void readiness_reports_the_database() {
        RestAssured.given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void liveness_is_up_without_a_token() {
        RestAssured.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metrics_are_served_for_prometheus() {
        RestAssured.given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void swagger_ui_is_served() {
        RestAssured.given().when().get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("swagger-ui"));
    }

    @Test
    void the_served_openapi_document_matches_the_published_contract() throws Exception {
        String served = RestAssured.given().accept("application/json").when().get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString();
        JsonNode document = new ObjectMapper().readTree(served);
        List<String> differences = Api.contract().differencesFrom(document);
        if (!differences.isEmpty()) {
            java.nio.file.Path written = Api.contract().writePublishable(document);
            assertThat(differences)
                    .as("api-specs/%s.yaml (with common.yaml) must describe exactly what %s serves at /q/openapi;"
                            + " after a deliberate change, review and copy %s", service, service, written)
                    .isEmpty();
        }
    }

    // --- audit trail ------------------------------------------------------------------------------

    @Test
    void audit_events_are_recorded_in_the_callers_transaction_and_cannot_be_changed() throws SQLException {
        Caller actor = new Caller("subject-1", Optional.of("finance.rx1"), Optional.empty(), Optional.of("RX1"),
                Optional.of(OrgType.PROVIDER), Set.of("finance"), Optional.empty());
        String entityId = "probe-" + System.nanoTime();
        assertThatThrownBy(() -> audit.record(actor, "probe.recorded", "probe", entityId, null, Map.of()))
                .as("an audit event outside a transaction would not commit with its change")
                .hasMessageContaining("Transaction");
        AuditEvent event = QuarkusTransaction.requiringNew().call(() -> audit.record(actor, "probe.recorded",
                "probe", entityId, "tested", Map.of("from", "A", "to", "B")));
        assertThat(event.occurredAt).isNotNull();
        List<AuditEvent> history = audit.history("probe", entityId);
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.actorOrgCode).isEqualTo("RX1");
            assertThat(e.reason).isEqualTo("tested");
            assertThat(e.details).containsEntry("to", "B");
        });
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresTestResource.jdbcUrl());
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update audit_event set reason = 'rewritten' where entity_id = '"
                    + entityId + "'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_event where entity_id = '" + entityId + "'"))
                    .hasMessageContaining("append-only");
        }
        assertThat(audit.history("probe", entityId)).singleElement()
                .satisfies(e -> assertThat(e.reason).isEqualTo("tested"));
    }
}
