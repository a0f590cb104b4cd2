package org.openpbr.costing.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.openpbr.costing.CostingApi.activity;
import static org.openpbr.costing.CostingApi.analyst;
import static org.openpbr.costing.CostingApi.centres;
import static org.openpbr.costing.CostingApi.clinician;
import static org.openpbr.costing.CostingApi.episodes;
import static org.openpbr.costing.CostingApi.finance;
import static org.openpbr.costing.CostingApi.ledger;
import static org.openpbr.costing.CostingApi.period;
import static org.openpbr.testing.Api.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class UploadTemplatesApiTest {

    private static final TestTokens RTP = finance("RTP");

    private static String file(String kind) {
        return api(RTP).accept("text/csv").get("/v1/upload-templates/" + kind).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"" + kind + ".csv\"")).extract().asString();
    }

    @Test
    void every_upload_has_a_template_naming_its_columns_rules_and_allowed_values() {
        api(analyst("RTP")).get("/v1/upload-templates").then().statusCode(200)
                .body("items.kind", equalTo(List.of("cost-centres", "ledger", "contacts", "bed-days", "group-sessions",
                        "episodes")))
                .body("items.find { it.kind == 'cost-centres' }.columns.find { it.name == 'type' }.allowedValues",
                        hasItems("COMMUNITY_TEAM", "INPATIENT_WARD", "SUPPORT"))
                .body("items.find { it.kind == 'contacts' }.columns.name", equalTo(List.of("contact_id", "patient_id",
                        "contact_date", "cost_centre", "staff_group", "minutes")))
                .body("items.find { it.kind == 'contacts' }.upload", equalTo("POST /v1/periods/{period}/activity/contacts"))
                .body("items.find { it.kind == 'episodes' }.columns.find { it.name == 'nhs_number' }.required", equalTo(false));
        api(RTP).get("/v1/upload-templates/ledger").then().statusCode(200)
                .body("columns.find { it.name == 'social_care' }.allowedValues", equalTo(List.of("true", "false", "Y", "N")));
        api(RTP).get("/v1/upload-templates/payroll").then().statusCode(404);
        api(clinician("RTP")).get("/v1/upload-templates").then().statusCode(403);
    }

    @Test
    void each_template_file_loads_as_it_stands() {
        assertThat(file("contacts")).isEqualTo("contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                + "C-000001,RX1-000123,2025-05-06,CMHT-N,Nurse,45\n");
        // The templates' own example rows, with the ward the bed-days example names added to the centres.
        centres(RTP, file("cost-centres") + "WARD-A,Acute admissions ward A,INPATIENT_WARD\n");
        period(RTP, "FY2025-26", "2025-04-01", "2026-03-31");
        ledger(RTP, "FY2025-26", file("ledger")).statusCode(201);
        activity(RTP, "FY2025-26", "contacts", file("contacts")).statusCode(201);
        activity(RTP, "FY2025-26", "bed-days", file("bed-days")).statusCode(201);
        activity(RTP, "FY2025-26", "group-sessions", file("group-sessions")).statusCode(201);
        episodes(RTP, file("episodes")).statusCode(201);
    }
}
