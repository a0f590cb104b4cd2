package org.openpbr.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openpbr.testing.Api.api;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openpbr.clustering.scheme.ReferenceSchemes;
import org.openpbr.clustering.scheme.SchemeCode;
import org.openpbr.clustering.scheme.SchemeDefinition;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.synthetic.ClusteringLoader;
import org.openpbr.synthetic.GridCode;
import org.openpbr.synthetic.SyntheticTrust;
import org.openpbr.synthetic.TrustEvent;
import org.openpbr.synthetic.TrustSpec;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A generated trust loads through the public API, and the service's own measures agree with what was generated. */
@QuarkusTest
@ServiceTest
class SyntheticTrustLoadTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ReferenceSchemes reference;

    /** The shipped grid, in the generator's terms. */
    public static List<GridCode> grid(SchemeDefinition scheme) {
        return scheme.codes().stream().map((SchemeCode code) -> new GridCode(code.code(), code.superClass(),
                code.maxReviewPeriod(), code.profile().map(p -> List.copyOf(p.words().values())).orElse(List.of())))
                .toList();
    }

    @Test
    void a_synthetic_trust_loads_and_the_quality_report_counts_what_was_generated() throws Exception {
        LocalDate today = LocalDate.now();
        TrustSpec spec = new TrustSpec(42, "RS7", List.of("97S"), List.of("T-A", "T-B"), 60, today.minusYears(1),
                today, 0.2, 0.15, 0.25);
        List<TrustEvent> events = SyntheticTrust.generate(spec, grid(reference.read(ReferenceSchemes.FILES.get(0))));
        TestTokens clinician = TestTokens.user("lead.rs7").org("RS7", OrgType.PROVIDER).roles("clinician",
                "clinical-lead");
        ClusteringLoader.Summary loaded = new ClusteringLoader(base, clinician::token).load(events);

        assertThat(loaded.patients()).isEqualTo(60);
        long secondRaters = events.stream().filter(e -> e instanceof TrustEvent.Assessed a && a.reason().equals("OTHER"))
                .count();
        JsonPath q = api(clinician).queryParam("from", today.minusYears(1).toString())
                .queryParam("to", today.toString()).get("/v1/quality").then().statusCode(200).extract().jsonPath();
        assertThat(q.getInt("total.allocations.count")).isEqualTo(loaded.allocations());
        assertThat(q.getInt("total.overrides.count")).isEqualTo(loaded.overrides());
        assertThat(q.getInt("total.interRater.pairs")).isEqualTo((int) secondRaters);
        assertThat(q.getInt("total.peopleWithCluster.count")).isPositive().isLessThanOrEqualTo(60);
        // Ratings are drawn inside each intended code's red rules, so most followed suggestions meet them.
        assertThat(q.getDouble("total.chosenMeetingRedRules.share")).isGreaterThan(0.7);
    }
}
