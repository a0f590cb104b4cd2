package org.openpbr.clustering.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openpbr.clustering.ClusteringApi;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@ServiceTest
class RegistrationTest {

    private static final TestTokens RR1 = TestTokens.user("clinician.rr1").org("RR1", OrgType.PROVIDER).roles("clinician");

    @Test
    void simultaneous_registrations_of_the_same_person_are_one_registration() throws Exception {
        Map<String, Object> person = Map.of("localId", "RACE-1", "nhsNumber", ClusteringApi.nhsNumber(9101),
                "dateOfBirth", "1980-02-03");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> api(RR1).contentType(ContentType.JSON).body(person).post("/v1/patients"));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(calls)) {
                Response response = answer.get();
                statuses.add(response.statusCode());
                ids.add(response.path("id"));
            }
            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdown();
        }
        // The same local id with other details is still a conflict, never a silent update.
        badRequest().header("Authorization", RR1.bearer()).contentType(ContentType.JSON)
                .body(Map.of("localId", "RACE-1", "dateOfBirth", "1980-02-04")).post("/v1/patients").then().statusCode(409);
    }

    @Test
    void an_nhs_number_of_one_repeated_digit_is_refused_though_it_passes_modulus_11() {
        for (String never : List.of("0000000000", "1111111111")) {
            badRequest().header("Authorization", RR1.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("localId", "REP-" + never.charAt(0), "nhsNumber", never, "dateOfBirth", "1980-02-03"))
                    .post("/v1/patients").then().statusCode(400)
                    .body("errors.field", org.hamcrest.Matchers.hasItem("nhsNumber"));
        }
    }
}
