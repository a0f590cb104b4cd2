package org.openpbr.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTableWriterTest {

    record Table(List<List<Object>> csvRows) implements CsvTable {
        @Override
        public List<String> csvHeader() {
            return List.of("code", "name", "cost", "from");
        }

        @Override
        public String csvName() {
            return "codes";
        }

        @Override
        public URI csvNext() {
            return URI.create("/v1/things?after=9");
        }
    }

    @Test
    void a_table_is_a_header_and_rows_quoted_only_where_needed() throws Exception {
        Table table = new Table(List.of(
                Arrays.asList("04", "Non-psychotic, severe", new BigDecimal("1E+3"), LocalDate.of(2025, 4, 1)),
                Arrays.asList("11", "The \"ongoing\" team", new BigDecimal("-0.01"), null),
                Arrays.asList("=HYPERLINK(1)", "-team", new BigDecimal("12.50"), null)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jakarta.ws.rs.core.MultivaluedMap<String, Object> headers = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        new CsvTableWriter().writeTo(table, Table.class, Table.class, null, null, headers, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("code,name,cost,from\r\n"
                + "04,\"Non-psychotic, severe\",1000,2025-04-01\r\n"
                + "11,\"The \"\"ongoing\"\" team\",-0.01,\r\n"
                + "'=HYPERLINK(1),'-team,12.50,\r\n");
        assertThat(headers.getFirst("Content-Disposition")).isEqualTo("attachment; filename=\"codes.csv\"");
        assertThat(headers.getFirst("Content-Type")).isEqualTo("text/csv; charset=UTF-8");
        assertThat(headers.getFirst("Link")).isEqualTo("</v1/things?after=9>; rel=\"next\"");
    }
}
