package org.openpbr.platform.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes a {@link CsvTable} as RFC 4180 CSV: a header row, CRLF line ends, UTF-8, a cell quoted when
 * it holds a comma, quote or line break. Numbers are written in full (no exponent), dates as ISO; a
 * text cell that a spreadsheet would run as a formula gets a leading apostrophe.
 */
@Provider
@Produces(CsvTableWriter.TEXT_CSV)
public class CsvTableWriter implements MessageBodyWriter<CsvTable> {

    public static final String TEXT_CSV = "text/csv";

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return CsvTable.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(CsvTable table, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream entity) throws IOException {
        headers.putSingle("Content-Type", TEXT_CSV + "; charset=UTF-8");
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + table.csvName() + ".csv\"");
        if (table.csvNext() != null) {
            headers.putSingle("Link", "<" + table.csvNext() + ">; rel=\"next\"");
        }
        Writer out = new OutputStreamWriter(entity, StandardCharsets.UTF_8);
        line(out, List.copyOf(table.csvHeader()));
        for (List<Object> row : table.csvRows()) {
            line(out, row);
        }
        out.flush();
    }

    /** One row, as it would be written. */
    public static String row(List<?> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    private static void line(Writer out, List<?> cells) throws IOException {
        out.write(row(cells));
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (!(value instanceof Number) && CsvCells.fault(text) != null && !text.isEmpty()
                && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            // a stored name a spreadsheet would run as a formula is shown as text
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
