package org.openpbr.clustering.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.openpbr.clustering.ClusteringApi.admin;
import static org.openpbr.clustering.ClusteringApi.ratings;
import static org.openpbr.clustering.ClusteringApi.trustClinician;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@ServiceTest
class SchemeApiTest {

    @Inject
    ReferenceSchemes reference;

    @Test
    void both_reference_schemes_are_published_at_start_up_and_labelled_illustrative() {
        api(trustClinician()).get("/v1/schemes").then().statusCode(200)
                .body("items.scheme", hasItems("mh-care-clusters", "mh-resource-groups"));
        api(trustClinician()).get("/v1/schemes/mh-care-clusters/versions/2012-illustrative-1").then().statusCode(200)
                .body("version.illustrative", equalTo(true))
                .body("version.hasGrid", equalTo(true))
                .body("version.varianceCode", equalTo("00"))
                .body("version.name", containsString("illustrative"))
                .body("codes", hasSize(21))
                .body("scales", hasSize(18))
                .body("scales[6].id", equalTo("7")).body("scales[6].title", equalTo("Problems with depressed mood"))
                .body("scales[6].ratingPeriod", equalTo("LAST_TWO_WEEKS")).body("scales[6].honos", equalTo(true))
                .body("scales[12].id", equalTo("13")).body("scales[12].ratingPeriod", equalTo("LAST_TWO_WEEKS"))
                .body("scales[12].honos", equalTo(false))
                .body("scales[13].id", equalTo("A")).body("scales[13].ratingPeriod", equalTo("HISTORICAL"))
                .body("scales[17].title", equalTo("Vulnerability (historical)"))
                .body("codes.code", org.hamcrest.Matchers.not(hasItem("09")))
                .body("codes[1].code", equalTo("01"))
                .body("codes[1].maxReviewPeriod", equalTo("P84D"))
                .body("codes[2].maxReviewPeriod", equalTo("P105D"))
                .body("codes.find { it.code == '14' }.maxReviewPeriod", equalTo("P28D"))
                .body("codes.find { it.code == '07' }.maxReviewPeriod", equalTo("P12M"))
                .body("codes.find { it.code == '03' }.superClass", equalTo("Non-psychotic"))
                .body("codes.find { it.code == '19' }.superClass", equalTo("Organic"))
                .body("codes[1].profile.6", equalTo("MMUUU"));
        api(trustClinician()).get("/v1/schemes/mh-resource-groups/in-force?on=2025-01-01").then().statusCode(200)
                .body("hasGrid", equalTo(false))
                .body("version", equalTo("2024-illustrative-1"));
    }

    @Test
    void the_csv_form_of_the_care_clusters_reads_to_the_same_definition_as_the_shipped_json() throws IOException {
        SchemeDefinition json = reference.read(ReferenceSchemes.FILES.get(0));
        String csv;
        try (InputStream in = getClass().getResourceAsStream("/schemes/mh-care-clusters-2012-illustrative-1.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SchemeCsv.Parsed parsed = SchemeCsv.read(new java.io.StringReader(csv));
        assertThat(parsed.errors()).isEmpty();
        SchemeValidation.Result fromCsv = SchemeValidation.validate(new SchemeDraft(json.scheme(), json.version(),
                json.name(), json.effectiveFrom(), null, true, "00", parsed.codes()), SchemeCsv.locator());
        assertThat(fromCsv.errors()).isEmpty();
        assertThat(SchemeCatalogue.fingerprint(fromCsv.definition().orElseThrow()))
                .isEqualTo(SchemeCatalogue.fingerprint(json));
    }

    @Test
    void an_admin_publishes_a_csv_version_and_only_identical_content_may_be_sent_again() throws IOException {
        String csv;
        try (InputStream in = getClass().getResourceAsStream("/schemes/mh-care-clusters-2012-illustrative-1.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = "/v1/schemes/test-clusters/versions/1?name=Test&effectiveFrom=2030-01-01&illustrative=true&varianceCode=00";
        api(admin()).contentType("text/csv").body(csv).put(path).then().statusCode(201)
                .header("Location", containsString("/v1/schemes/test-clusters/versions/1"))
                .body("codeCount", equalTo(21)).body("hasGrid", equalTo(true));
        api(admin()).contentType("text/csv").body(csv).put(path).then().statusCode(200);
        api(admin()).contentType("text/csv").body(csv.replace("MMUUU", "MMMUU")).put(path).then().statusCode(409);
        api(trustClinician()).get("/v1/schemes/test-clusters/in-force?on=2030-06-01").then().statusCode(200)
                .body("version", equalTo("1"));
        badRequest().header("Authorization", trustClinician().bearer()).get("/v1/schemes/test-clusters/in-force?on=2029-06-01")
                .then().statusCode(404);
    }

    @Test
    void only_an_admin_publishes() {
        badRequest().header("Authorization", trustClinician().bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x")).put("/v1/schemes/x/versions/1").then().statusCode(403);
    }

    @Test
    void an_invalid_upload_is_refused_with_every_fault_and_nothing_is_published() {
        Map<String, Object> good = new LinkedHashMap<>();
        for (String s : org.openpbr.clustering.ClusteringApi.SCALES) {
            good.put(s, "MYYYU");
        }
        Map<String, Object> missingScale = new LinkedHashMap<>(good);
        missingScale.remove("E");
        Map<String, Object> badLetters = new LinkedHashMap<>(good);
        badLetters.put("3", "MXY");
        List<Map<String, Object>> codes = new ArrayList<>();
        codes.add(Map.of("code", "V", "name", "Variance", "superClass", "V", "maxReviewPeriod", "P6M"));
        codes.add(Map.of("code", "A", "name", "A", "superClass", "S", "maxReviewPeriod", "P0D", "profile", good));
        codes.add(Map.of("code", "A", "name", "A again", "superClass", "S", "maxReviewPeriod", "6 months",
                "profile", missingScale));
        codes.add(Map.of("code", "B", "name", "", "superClass", "S", "maxReviewPeriod", "P-1M", "profile", badLetters));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Broken");
        body.put("effectiveFrom", "2031-01-01");
        body.put("effectiveTo", "2030-01-01");
        body.put("codes", codes);

        badRequest().header("Authorization", admin().bearer()).contentType(ContentType.JSON).body(body)
                .put("/v1/schemes/broken/versions/1").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("effectiveTo", "varianceCode", "codes[1].maxReviewPeriod",
                        "codes[2].code", "codes[2].maxReviewPeriod", "codes[2].profile.E", "codes[3].name",
                        "codes[3].maxReviewPeriod", "codes[3].profile.3"))
                .body("errors", hasSize(9));
        badRequest().header("Authorization", trustClinician().bearer()).get("/v1/schemes/broken/versions/1").then()
                .statusCode(404);
    }

    @Test
    void a_bad_csv_names_lines_and_columns() {
        String csv = "code,name,super_class,max_review_period,colour\n"
                + "01,One,S,P6M,red\n";
        badRequest().header("Authorization", admin().bearer()).contentType("text/csv").body(csv)
                .put("/v1/schemes/bad-csv/versions/1?name=B&effectiveFrom=2030-01-01").then().statusCode(400)
                .body("errors[0].field", equalTo("line 1, colour")).body("errors[0].message", containsString("colour"));
        String rows = "code,name,super_class,max_review_period\n01,One,S,P6M\n01,Dup,S,P0M\n";
        badRequest().header("Authorization", admin().bearer()).contentType("text/csv").body(rows)
                .put("/v1/schemes/bad-csv/versions/1?name=B&effectiveFrom=soon").then().statusCode(400)
                .body("errors.field", hasItems("effectiveFrom", "line 3, code", "line 3, max_review_period"));
    }

    @Test
    void stateless_suggestions_need_all_18_ratings_and_report_every_bad_one() {
        Map<String, Object> r = ratings("7", 5, "E", -1);
        r.remove("A");
        badRequest().header("Authorization", trustClinician().bearer()).contentType(ContentType.JSON)
                .body(Map.of("ratings", r)).post("/v1/suggestions").then().statusCode(400)
                .body("errors.field", hasItems("ratings.7", "ratings.E", "ratings.A")).body("errors", hasSize(3));
        badRequest().header("Authorization", trustClinician().bearer()).contentType(ContentType.JSON)
                .body(Map.of("ratings", ratings(), "nhsNumber", "9434765919")).post("/v1/suggestions").then()
                .statusCode(400);
        api(trustClinician()).contentType(ContentType.JSON)
                .body(Map.of("ratings", ratings("6", 4, "1", 4, "10", 2, "A", 2, "7", 1))).post("/v1/suggestions")
                .then().statusCode(200).body("suggestedCode", equalTo("14")).body("candidates", hasSize(20))
                .body("scheme.illustrative", equalTo(true));
        badRequest().header("Authorization", trustClinician().bearer()).contentType(ContentType.JSON)
                .body(Map.of("ratings", ratings(), "scheme", "mh-resource-groups")).post("/v1/suggestions").then()
                .statusCode(409);
    }
}
