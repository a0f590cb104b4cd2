package org.openpbr.contract.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.openpbr.contract.ContractApi.contractManager;
import static org.openpbr.contract.ContractApi.finance;
import static org.openpbr.contract.ContractApi.money;
import static org.openpbr.contract.ContractApi.step;
import static org.openpbr.testing.Api.api;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Achievement entered with evidence, and a whole year settled on it over HTTP. The contract (C30
 * with RQ3): £120,000.00 fixed, a 2% withhold (£2,400.00, £200.00 a month) over two equal
 * indicators: A linear from 60 to 80, B all-or-nothing at 50.
 */
@QuarkusTest
@ServiceTest
class QualityAchievementApiTest {

    private static final String CONTRACT = """
            {"reference": "C30-RQ3-2025-26", "commissionerCode": "C30", "providerCode": "RQ3", "financialYear": "2025-26",
             "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
             "terms": {"shadow": false, "fixed": {"annualAmount": 120000.00},
               "quality": {"kind": "WITHHOLD", "ratePercent": 2, "settlement": "YEAR_END", "indicators": [
                 {"measureId": "A", "weight": 1, "target": 80, "floor": 60, "scale": "LINEAR", "direction": "HIGHER_IS_BETTER"},
                 {"measureId": "B", "weight": 1, "target": 50, "scale": "ALL_OR_NOTHING", "direction": "HIGHER_IS_BETTER"}]}}}
            """;

    @Test
    void achievement_is_entered_with_evidence_and_the_year_end_earns_back_what_it_earns() {
        String id = api(contractManager("C30")).contentType(ContentType.JSON).body(CONTRACT).post("/v1/contracts").then()
                .statusCode(201).extract().path("contractId");
        String quality = "/v1/contracts/" + id + "/quality";
        api(contractManager("C30")).contentType(ContentType.JSON).body("{\"achieved\": 70, \"evidence\": \"report 1\"}")
                .post(quality + "/A").then().statusCode(409);
        step(contractManager("C30"), id, 1, "offer").statusCode(200);
        step(finance("RQ3"), id, 1, "agreement").statusCode(200);

        api(finance("RQ3")).contentType(ContentType.JSON).body("{\"achieved\": 70, \"evidence\": \"report 1\"}")
                .post(quality + "/A").then().statusCode(403);
        api(contractManager("C30")).contentType(ContentType.JSON).body("{\"achieved\": 70, \"evidence\": \"report 1\"}")
                .post(quality + "/Z").then().statusCode(404);
        api(contractManager("C99")).get(quality).then().statusCode(404);
        api(contractManager("C30")).contentType(ContentType.JSON).body("{\"achieved\": 70, \"evidence\": \"Q4 outcomes report, table 3\"}")
                .post(quality + "/A").then().statusCode(200);
        api(contractManager("C30")).contentType(ContentType.JSON).body("{\"achieved\": 55, \"evidence\": \"audit sample\"}")
                .post(quality + "/B").then().statusCode(200).body("earned", money("1800.00"));
        // A correction is a later entry: B was 45, not 55.
        api(contractManager("C30")).contentType(ContentType.JSON).body("{\"achieved\": 45, \"evidence\": \"audit sample, corrected\"}")
                .post(quality + "/B").then().statusCode(200)
                // A at 70 earns half of its 1,200.00; B at 45 misses its target.
                .body("pot", money("2400.00")).body("earned", money("600.00"))
                .body("indicators[0].share", money("0.5")).body("indicators[1].achieved", org.hamcrest.Matchers.hasToString("45"))
                .body("entries", hasSize(3)).body("entries[2].evidence", equalTo("audit sample, corrected"));
        api(finance("RQ3")).get(quality).then().statusCode(200).body("earned", money("600.00"));

        String base = "/v1/contracts/" + id + "/statements";
        BigDecimal paid = BigDecimal.ZERO;
        for (int month = 1; month <= 13; month++) {
            String total = api(contractManager("C30")).contentType(ContentType.JSON).body("{\"month\": " + month + "}")
                    .post(base).then().statusCode(200).extract().path("total").toString();
            String etag = api(contractManager("C30")).get(base + "/" + month).then().extract().header("ETag");
            api(contractManager("C30")).header("If-Match", etag).post(base + "/" + month + "/issue").then().statusCode(200)
                    .body("status", equalTo("ISSUED"));
            // Each month: 10,000.00 fixed less 200.00 withheld; the year end: 600.00 earned back.
            assertThat(new BigDecimal(total)).isEqualByComparingTo(month < 13 ? "9800.00" : "600.00");
            paid = paid.add(new BigDecimal(total));
        }
        // 120,000.00 + (600.00 earned - 2,400.00 withheld).
        assertThat(paid).isEqualByComparingTo("118200.00");
        api(finance("RQ3")).get(base + "/13").then().statusCode(200)
                .body("lines.kind", org.hamcrest.Matchers.contains("QUALITY_EARNED"));
    }
}
