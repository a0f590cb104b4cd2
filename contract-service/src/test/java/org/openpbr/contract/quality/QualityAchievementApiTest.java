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

    /**
     * The same incentive settled QUARTERLY (C31 with RQ4). By June A is 70 and B 55: quarter 1's
     * 600.00 earns 0.5 x 300.00 + 300.00 = 450.00. B is corrected to 45 by September: half a year's
     * 1,200.00 earns 300.00, so -150.00. December (1,800.00) earns 450.00, +150.00; March (2,400.00)
     * 600.00, +150.00; the year end settles 600.00 less the 600.00 accrued: 0.00.
     */
    @Test
    void a_quarterly_incentive_accrues_in_the_quarter_s_last_statement() {
        String id = api(contractManager("C31")).contentType(ContentType.JSON)
                .body(CONTRACT.replace("C30", "C31").replace("RQ3", "RQ4").replace("\"YEAR_END\"", "\"QUARTERLY\""))
                .post("/v1/contracts").then().statusCode(201).extract().path("contractId");
        step(contractManager("C31"), id, 1, "offer").statusCode(200);
        step(finance("RQ4"), id, 1, "agreement").statusCode(200);
        String quality = "/v1/contracts/" + id + "/quality";
        api(contractManager("C31")).contentType(ContentType.JSON).body("{\"achieved\": 70, \"evidence\": \"Q1 report\"}")
                .post(quality + "/A").then().statusCode(200);
        api(contractManager("C31")).contentType(ContentType.JSON).body("{\"achieved\": 55, \"evidence\": \"Q1 audit\"}")
                .post(quality + "/B").then().statusCode(200);
        String base = "/v1/contracts/" + id + "/statements";
        BigDecimal paid = BigDecimal.ZERO;
        for (int month = 1; month <= 13; month++) {
            if (month == 4) {
                api(contractManager("C31")).contentType(ContentType.JSON).body("{\"achieved\": 45, \"evidence\": \"Q1 audit, corrected\"}")
                        .post(quality + "/B").then().statusCode(200);
            }
            String total = api(contractManager("C31")).contentType(ContentType.JSON).body("{\"month\": " + month + "}")
                    .post(base).then().statusCode(200).extract().path("total").toString();
            String etag = api(contractManager("C31")).get(base + "/" + month).then().extract().header("ETag");
            api(contractManager("C31")).header("If-Match", etag).post(base + "/" + month + "/issue").then().statusCode(200);
            String expected = switch (month) {
                case 3 -> "10250.00";
                case 6 -> "9650.00";
                case 9, 12 -> "9950.00";
                case 13 -> "0.00";
                default -> "9800.00";
            };
            assertThat(new BigDecimal(total)).as("month %d", month).isEqualByComparingTo(expected);
            paid = paid.add(new BigDecimal(total));
        }
        assertThat(paid).isEqualByComparingTo("118200.00");
    }
}
