package org.openpbr.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpbr.testing.fixture.BodiesResource;
import org.openpbr.testing.fixture.SqlInService;
import org.openpbr.testing.fixture.SqlQueries;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;

/** The house rules catch what they are there to catch. */
class ArchitectureRulesTest {

    @Test
    void a_record_body_without_valid_is_reported_and_nothing_else_is() {
        EvaluationResult result = ArchitectureRules.of("org.openpbr.testing").get("request bodies are validated")
                .evaluate(new ClassFileImporter().importClasses(BodiesResource.class, BodiesResource.Payload.class));
        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).hasSize(1);
        assertThat(details.get(0)).contains("unchecked").contains("Payload without @Valid");
    }

    @Test
    void sql_outside_a_queries_class_is_reported_unless_named_as_an_exception() {
        var classes = new ClassFileImporter().importClasses(SqlInService.class, SqlQueries.class);
        List<String> details = ArchitectureRules.of("org.openpbr.testing").get("SQL lives in Queries classes")
                .evaluate(classes).getFailureReport().getDetails();
        assertThat(details).hasSize(1);
        assertThat(details.get(0)).contains("SqlInService.count()").contains("createNativeQuery");
        assertThat(ArchitectureRules.of("org.openpbr.testing", java.util.Set.of(SqlInService.class.getName()))
                .get("SQL lives in Queries classes").evaluate(classes).getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void rows_read_by_position_are_found_with_their_line(@TempDir Path sources) throws IOException {
        Path file = sources.resolve("org/example/Reads.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", "class Reads {",
                "    void read(Object row) {",
                "        Object[] r = (Object[]) row;",
                "        java.util.List<Object[]> rows = null;",
                "        Object[] parameters = new Object[0];",
                "    }",
                "}"));
        assertThat(ArchitectureRules.positionalRows(sources)).containsExactly(
                Path.of("org/example/Reads.java") + ":3: Object[] r = (Object[]) row;",
                Path.of("org/example/Reads.java") + ":4: java.util.List<Object[]> rows = null;");
    }
}
