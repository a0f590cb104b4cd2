package org.openpbr.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openpbr.clustering.decision.FitResult;
import org.openpbr.clustering.decision.ProfileFit;
import org.openpbr.clustering.decision.Ratings;
import org.openpbr.clustering.scheme.SchemeCode;
import org.openpbr.clustering.scheme.SchemeDefinition;
import org.openpbr.clustering.scheme.SchemeDraft;
import org.openpbr.clustering.scheme.SchemeValidation;
import org.openpbr.synthetic.GridCode;
import org.openpbr.synthetic.SyntheticTrust;
import org.openpbr.synthetic.TrustEvent;
import org.openpbr.synthetic.TrustSpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Decision support in process, one thread: rule profile-fit-1 on the shipped illustrative grid
 * (20 graded codes), over 4,096 rating sets drawn by the synthetic trust generator.
 * Run: see tools/benchmarks/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ProfileFitBenchmark {

    private ProfileFit fit;
    private Ratings[] ratings;
    private int next;

    @Setup
    public void setUp() throws IOException {
        SchemeDefinition scheme = careClusters();
        fit = ProfileFit.of(scheme);
        List<GridCode> grid = scheme.codes().stream().map((SchemeCode code) -> new GridCode(code.code(),
                code.superClass(), code.maxReviewPeriod(),
                code.profile().map(p -> List.copyOf(p.words().values())).orElse(List.of()))).toList();
        List<int[]> drawn = SyntheticTrust.generate(new TrustSpec(1, "RX1", List.of("15N"), List.of("T"), 2000,
                LocalDate.of(2020, 4, 1), LocalDate.of(2024, 3, 31), 0.1, 0.05, 0.25), grid).stream()
                .filter(TrustEvent.Assessed.class::isInstance).map(e -> ((TrustEvent.Assessed) e).ratings()).toList();
        ratings = new Ratings[4096];
        for (int i = 0; i < ratings.length; i++) {
            ratings[i] = Ratings.of(drawn.get(i % drawn.size()));
        }
    }

    static SchemeDefinition careClusters() throws IOException {
        try (InputStream in = ProfileFitBenchmark.class.getClassLoader()
                .getResourceAsStream("schemes/mh-care-clusters-2012-illustrative-1.json")) {
            SchemeDraft draft = new ObjectMapper().registerModule(new JavaTimeModule()).readValue(in, SchemeDraft.class);
            return SchemeValidation.validate(draft, SchemeValidation.JSON).definition().orElseThrow();
        }
    }

    /** The full decision: every code's counts and group, ranked; the suggestion and its outcome. */
    @Benchmark
    public String suggestion() {
        FitResult result = fit.evaluate(ratings[next++ & 4095]);
        return result.suggestedCode() + result.outcome();
    }

    /** As above, plus the full ranking as objects (what the API serialises, without traces). */
    @Benchmark
    public int ranking() {
        return fit.evaluate(ratings[next++ & 4095]).ranking().size();
    }
}
