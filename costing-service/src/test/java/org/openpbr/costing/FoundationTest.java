package org.openpbr.costing;

import java.util.Map;

import org.openpbr.testing.ServiceFoundationTests;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class FoundationTest extends ServiceFoundationTests {

    /** Costing method v1 is a sequence of set-based statements on one JDBC connection: its SQL is the method. */
    @Override
    protected java.util.Set<String> classesWithSqlOutsideQueries() {
        return java.util.Set.of("org.openpbr.costing.run.CostingMethodV1");
    }

    @Override
    protected Map<String, String> csvSamples() {
        return Map.of(
                "PUT /v1/cost-centres", "code,name,type\nCMHT1,Team 1,COMMUNITY_TEAM\n",
                "POST /v1/episodes", "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n"
                        + "E1,P1,04,2024-04-01,2024-04-10,2024-10-01,03W,T1\n",
                "POST /v1/periods/{period}/activity/{kind}", "contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                        + "C1,P1,2024-04-05,CMHT1,Nurse,10\n",
                "PUT /v1/periods/{period}/ledger", "cost_centre,expense_type,amount,social_care\nCMHT1,Nursing,1000.00,N\n");
    }

    /** The suite's files go to period X1 of its provider, which has one cost centre, so they reach their cells. */
    @Override
    protected void prepareBadInput(TestTokens provider) {
        if (org.openpbr.testing.Api.api(provider).get("/v1/periods/X1").statusCode() == 404) {
            CostingApi.centres(provider, "code,name,type\nCMHT1,Team 1,COMMUNITY_TEAM\n");
            CostingApi.period(provider, "X1", "2024-04-01", "2024-06-30");
        }
    }
}
