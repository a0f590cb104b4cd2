package org.openpbr.testing;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Bad input, generated from a service's own published contract: for every operation with a JSON
 * body, every field of it (nested objects and array items included) is sent with the wrong JSON
 * type, as null and blank where it is required, with a NUL character and oversized where it is
 * text, next to an unknown field, and twice; every documented query parameter with a value of the
 * wrong kind and with a NUL character; and every CSV upload with wrong columns, bytes that are not
 * the declared charset, and cells that look like spreadsheet formulas or hold a NUL. Each must be a
 * 4xx problem+json that names the field, and the database must hold exactly the rows it held before.
 */
public final class BadInputSuite {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";
    static final String OVERSIZED = "x".repeat(10_001);

    /** One bad input and what came back. */
    public record Outcome(String operation, String input, int status, String contentType, List<String> fields,
            String expectedField) {

        boolean refusedAsExpected() {
            // A path naming a record (a random id here) may be answered 404 before its input is read.
            boolean unknownRecord = status == 404 && operation.contains("{");
            return status >= 400 && status < 500 && contentType != null && contentType.startsWith(PROBLEM_JSON)
                    && (expectedField == null || unknownRecord || fields.stream().anyMatch(f -> f.equals(expectedField)
                            || f.startsWith(expectedField + ".") || f.startsWith(expectedField + "[")
                            || f.startsWith("line ") && f.endsWith(expectedField)));
        }

        @Override
        public String toString() {
            return operation + " with " + input + ": " + status + " " + contentType + " fields " + fields
                    + (expectedField == null ? "" : " (expected " + expectedField + ")");
        }
    }

    /** What the suite tried, and what went wrong. */
    public record Report(List<Outcome> outcomes, Map<String, Long> rowsBefore, Map<String, Long> rowsAfter) {

        public List<Outcome> mishandled() {
            return outcomes.stream().filter(o -> !o.refusedAsExpected()).toList();
        }

        public int inputs() {
            return outcomes.size();
        }
    }

    private final JsonNode document;
    private final List<TestTokens> callers;
    private final Map<String, String> csvSamples;
    private final List<Outcome> outcomes = new ArrayList<>();

    /**
     * @param contract   the service's published contract
     * @param callers    tokens tried in turn until one is not refused with 403 (a provider, a
     *                   commissioner, a service account), so each input reaches the operation's checks
     * @param csvSamples a valid file for each CSV upload, by {@code METHOD path} as the contract writes it
     */
    public BadInputSuite(ApiContract contract, List<TestTokens> callers, Map<String, String> csvSamples) {
        this.document = contract.effective();
        this.callers = List.copyOf(callers);
        this.csvSamples = csvSamples;
    }

    public Report run() {
        Map<String, Long> before = rowCounts();
        for (OperationPaths.Operation operation : OperationPaths.operations(document)) {
            String method = operation.method();
            String template = operation.template();
            JsonNode op = operation.op();
            queryParameters(method, template, op);
            JsonNode content = op.path("requestBody").path("content");
            if (content.has("application/json")) {
                jsonBody(method, template, op, resolve(content.path("application/json").path("schema")));
            }
            if (content.has("text/csv")) {
                csvBody(method, template, op);
            }
        }
        return new Report(List.copyOf(outcomes), before, rowCounts());
    }

    // --- JSON bodies --------------------------------------------------------------------------

    private void jsonBody(String method, String template, JsonNode op, JsonNode schema) {
        if (!"object".equals(schema.path("type").asText("object")) || !schema.has("properties")) {
            return;
        }
        ObjectNode valid = (ObjectNode) example(schema);
        String name = method + " " + template;
        send(name, "a body of null", method, template, op, "null", null);
        send(name, "an array for the body", method, template, op, "[]", null);
        mutateObject(name, method, template, op, valid, schema, "");
    }

    /** Every field of the object at {@code prefix} inside {@code body}, mutated one at a time. */
    private void mutateObject(String name, String method, String template, JsonNode op, ObjectNode body, JsonNode schema,
            String prefix) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").properties().iterator();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String field = property.getKey();
            String at = prefix.isEmpty() ? field : prefix + "." + field;
            JsonNode fieldSchema = resolve(property.getValue());
            if (fieldSchema.path("readOnly").asBoolean()) {
                continue;
            }
            String type = type(fieldSchema);
            JsonNode wrong = switch (type) {
                case "string" -> NODES.numberNode(12345);
                case "integer", "number" -> NODES.textNode("12");
                case "boolean" -> NODES.numberNode(1);
                case "array" -> NODES.textNode("x");
                default -> NODES.textNode("x");
            };
            send(name, "the wrong JSON type at " + at, method, template, op, replaced(body, at, wrong), at);
            if (required.contains(field)) {
                send(name, "null at " + at, method, template, op, replaced(body, at, NODES.nullNode()), at);
                if (type.equals("string")) {
                    send(name, "a blank " + at, method, template, op, replaced(body, at, NODES.textNode("  ")), at);
                }
            }
            if (type.equals("string") && !fieldSchema.has("enum")) {
                send(name, "a NUL character in " + at, method, template, op, replaced(body, at, NODES.textNode("a\u0000b")), at);
                send(name, "an oversized " + at, method, template, op, replaced(body, at, NODES.textNode(OVERSIZED)), at);
            }
            if (type.equals("object") && fieldSchema.has("properties")) {
                mutateObject(name, method, template, op, body, fieldSchema, at);
            }
            if (type.equals("array") && "object".equals(type(resolve(fieldSchema.path("items"))))
                    && resolve(fieldSchema.path("items")).has("properties")) {
                mutateObject(name, method, template, op, body, resolve(fieldSchema.path("items")), at + "[0]");
            }
        }
        String unknown = prefix.isEmpty() ? "unexpectedField" : prefix + ".unexpectedField";
        send(name, "an unknown field " + unknown, method, template, op, replaced(body, unknown, NODES.numberNode(1)), unknown);
        if (prefix.isEmpty() && body.size() > 0) {
            String first = body.fieldNames().next();
            String text = body.toString();
            String twice = "{\"" + first + "\":" + body.get(first) + "," + text.substring(1);
            send(name, "the field " + first + " twice", method, template, op, twice, first);
        }
    }

    /** A copy of {@code body} with the value at a dotted path (with [0] for an array's first item) replaced. */
    private static String replaced(ObjectNode body, String path, JsonNode value) {
        ObjectNode copy = body.deepCopy();
        JsonNode at = copy;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean item = part.endsWith("[0]");
            String key = item ? part.substring(0, part.length() - 3) : part;
            boolean last = i == parts.length - 1;
            if (last) {
                ((ObjectNode) at).set(key, value);
            } else {
                JsonNode next = at.get(key);
                if (next == null || next.isNull()) {
                    next = item ? NODES.arrayNode().add(NODES.objectNode()) : NODES.objectNode();
                    ((ObjectNode) at).set(key, next);
                }
                if (item) {
                    ArrayNode array = (ArrayNode) next;
                    if (array.isEmpty()) {
                        array.add(NODES.objectNode());
                    }
                    next = array.get(0);
                }
                at = next;
            }
        }
        return copy.toString();
    }

    /** A well-typed value for a schema: what each field's kind calls for, so a single mutation stands out. */
    private JsonNode example(JsonNode schema) {
        JsonNode s = resolve(schema);
        if (s.has("example") && !s.get("example").isNull() && !"object".equals(type(s))) {
            return s.get("example");
        }
        if (s.has("enum")) {
            return s.get("enum").get(0);
        }
        return switch (type(s)) {
            case "string" -> NODES.textNode(switch (s.path("format").asText()) {
                case "date" -> "2025-06-01";
                case "date-time" -> "2025-06-01T09:00:00Z";
                case "uuid" -> UUID.randomUUID().toString();
                default -> "X1";
            });
            case "integer" -> NODES.numberNode(s.has("minimum") ? s.get("minimum").asLong() : 1);
            case "number" -> NODES.numberNode(s.has("minimum") ? s.get("minimum").decimalValue() : java.math.BigDecimal.ONE);
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> NODES.arrayNode().add(example(s.path("items")));
            default -> {
                ObjectNode object = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> properties = s.path("properties").properties().iterator();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> p = properties.next();
                    if (!resolve(p.getValue()).path("readOnly").asBoolean()) {
                        object.set(p.getKey(), example(p.getValue()));
                    }
                }
                yield object;
            }
        };
    }

    // --- query parameters -----------------------------------------------------------------------

    private void queryParameters(String method, String template, JsonNode op) {
        for (JsonNode parameter : op.path("parameters")) {
            JsonNode p = resolve(parameter);
            if (!"query".equals(p.path("in").asText())) {
                continue;
            }
            String name = p.path("name").asText();
            JsonNode schema = resolve(p.path("schema"));
            String type = type(schema);
            String format = schema.path("format").asText();
            String wrong = switch (type) {
                case "integer", "number" -> "twelve";
                case "boolean" -> "maybe";
                default -> switch (format) {
                    case "date" -> "2025-13-45";
                    case "uuid" -> "not-a-uuid";
                    default -> schema.has("enum") ? "NOT_ONE_OF_THEM" : null;
                };
            };
            String operation = method + " " + template;
            if (wrong != null) {
                sendQuery(operation, "a value of the wrong kind for " + name, method, template, op, name, wrong);
            }
            if (name.equals("after")) {
                sendQuery(operation, "a cursor that is not one", method, template, op, name, "%%%");
            }
            if (type.equals("string") && !format.equals("uuid")) {
                sendQuery(operation, "a NUL character in " + name, method, template, op, name, "A\u0000B");
            }
        }
    }

    // --- CSV uploads ------------------------------------------------------------------------------

    private void csvBody(String method, String template, JsonNode op) {
        String operation = method + " " + template;
        String sample = csvSamples.get(operation);
        if (sample == null) {
            throw new AssertionError("The bad-input suite needs a valid sample file for the CSV upload " + operation
                    + ": add it to the service's csvSamples()");
        }
        String[] lines = sample.split("\n", -1);
        String[] header = lines[0].split(",");
        String firstColumn = header[0].strip();
        sendCsv(operation, "wrong columns", method, template, op, "not_a_column,neither\n1,2\n".getBytes(StandardCharsets.UTF_8),
                "text/csv; charset=UTF-8", "not_a_column");
        byte[] latin = (lines[0] + "\n" + lines[1].replaceFirst("^[^,]*", "Caf\u00e9") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        sendCsv(operation, "bytes that are not UTF-8", method, template, op, latin, "text/csv; charset=UTF-8", null);
        for (String formula : List.of("=HYPERLINK(\"http://x\")", "+SUM(1)", "@cmd", "-A1")) {
            String row = lines[1].replaceFirst("^[^,]*", formula.contains(",") ? "\"" + formula + "\"" : formula);
            sendCsv(operation, "a formula-looking cell " + formula, method, template, op,
                    (lines[0] + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8", firstColumn);
        }
        String nul = lines[1].replaceFirst("^[^,]*", "A\u0000B");
        sendCsv(operation, "a NUL character in a cell", method, template, op,
                (lines[0] + "\n" + nul + "\n").getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8", firstColumn);
    }

    // --- sending ------------------------------------------------------------------------------------

    private RequestSpecification request(TestTokens caller, JsonNode op) {
        RequestSpecification spec = given().header("Authorization", caller.bearer())
                .accept("application/json, text/csv;q=0.9, */*;q=0.5");
        for (JsonNode parameter : op.path("parameters")) {
            JsonNode p = resolve(parameter);
            if ("header".equals(p.path("in").asText()) && p.path("required").asBoolean()) {
                spec = spec.header(p.path("name").asText(), p.path("name").asText().equals("If-Match") ? "\"0\"" : "x");
            }
        }
        return spec;
    }

    private String concrete(String template, JsonNode op) {
        return OperationPaths.concrete(document, template, op, false);
    }

    private void send(String operation, String input, String method, String template, JsonNode op, String body,
            String expectedField) {
        String path = concrete(template, op);
        record(operation, input, expectedField, caller -> request(caller, op).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).request(method, path));
    }

    private void sendQuery(String operation, String input, String method, String template, JsonNode op, String name,
            String value) {
        String path = concrete(template, op);
        JsonNode content = op.path("requestBody").path("content");
        String body = content.has("application/json") ? example(content.path("application/json").path("schema")).toString() : null;
        record(operation, input, name, caller -> {
            RequestSpecification spec = request(caller, op).queryParam(name, value);
            if (body != null) {
                spec = spec.contentType("application/json").body(body);
            }
            return spec.request(method, path);
        });
    }

    private void sendCsv(String operation, String input, String method, String template, JsonNode op, byte[] body,
            String contentType, String expectedField) {
        String path = concrete(template, op);
        record(operation, input, expectedField, caller -> request(caller, op).contentType(contentType).body(body)
                .request(method, path));
    }

    /** Sends with each caller in turn while the answer is 403 (the operation is another kind of caller's). */
    private void record(String operation, String input, String expectedField,
            java.util.function.Function<TestTokens, Response> sending) {
        Response response = null;
        for (TestTokens caller : callers) {
            response = sending.apply(caller);
            if (response.statusCode() != 403) {
                break;
            }
        }
        List<String> fields = new ArrayList<>();
        String contentType = response.contentType();
        if (contentType != null && contentType.startsWith(PROBLEM_JSON)) {
            try {
                JsonNode problem = JSON.readTree(response.asByteArray());
                problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            } catch (java.io.IOException e) {
                fields.add("(unreadable problem)");
            }
        }
        outcomes.add(new Outcome(operation, input, response.statusCode(), contentType, fields, expectedField));
    }

    // --- schemas and the database --------------------------------------------------------------------

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int depth = 0; depth < 20 && s.has("$ref"); depth++) {
            String ref = s.get("$ref").asText();
            s = document.at(ref.substring(1));
        }
        if (s.has("allOf") && s.get("allOf").size() == 1) {
            return resolve(s.get("allOf").get(0));
        }
        return s;
    }

    private static String type(JsonNode schema) {
        if (schema.has("type")) {
            return schema.get("type").asText();
        }
        if (schema.has("properties") || schema.has("additionalProperties")) {
            return "object";
        }
        return "string";
    }

    /** Rows in every table of the service's database (Flyway's history aside). */
    static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresTestResource.jdbcUrl());
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history' order by tablename")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("select count(*) from \"" + table + "\"")) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the service's rows", e);
        }
        return counts;
    }

    /** Inputs tried per operation, for the report. */
    public static Map<String, Integer> perOperation(Report report) {
        Map<String, Integer> out = new LinkedHashMap<>();
        report.outcomes().forEach(o -> out.merge(o.operation(), 1, Integer::sum));
        return out;
    }
}
