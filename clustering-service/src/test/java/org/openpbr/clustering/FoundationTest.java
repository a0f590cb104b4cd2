package org.openpbr.clustering;

import java.util.Map;

import org.openpbr.testing.ServiceFoundationTests;
import org.openpbr.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class FoundationTest extends ServiceFoundationTests {

    @Override
    protected Map<String, String> csvSamples() {
        return Map.of("PUT /v1/schemes/{scheme}/versions/{version}",
                "code,name,super_class,max_review_period\n01,Common mental health problems,NON_PSYCHOTIC,P84D\n");
    }
}
