package org.openpbr.contract;

import java.util.Map;

import org.openpbr.testing.ServiceFoundationTests;
import org.openpbr.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class FoundationTest extends ServiceFoundationTests {

    @Override
    protected Map<String, String> csvSamples() {
        return Map.of("PUT /v1/contracts/{id}/versions/{version}/plan", ApiExamples.PLAN,
                "POST /v1/contracts/{id}/plan", ApiExamples.PLAN, "PUT /v1/contracts/{id}/claims/{period}", ApiExamples.CLAIMS);
    }
}
