package org.openpbr.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading an OpenAPI document's operations: references resolved, path templates filled in. */
final class OperationPaths {

    private OperationPaths() {
    }

    /** One operation of the document: its method, its path template and its description. */
    record Operation(String method, String template, JsonNode op) {
    }

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    /** Every operation, in the document's order (a path's shared {@code parameters} are not one). */
    static List<Operation> operations(JsonNode document) {
        List<Operation> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").properties().iterator();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().properties().iterator();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (METHODS.contains(method)) {
                    all.add(new Operation(method, path.getKey(), operation.getValue()));
                }
            }
        }
        return all;
    }

    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode n = node;
        for (int depth = 0; depth < 20 && n.has("$ref"); depth++) {
            n = document.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    /**
     * The template with each path parameter filled in: its first allowed value, a new UUID, its
     * example when {@code useExamples}, or {@code X1}.
     */
    static String concrete(JsonNode document, String template, JsonNode op, boolean useExamples) {
        String path = template;
        for (JsonNode parameter : op.path("parameters")) {
            JsonNode p = resolve(document, parameter);
            if ("path".equals(p.path("in").asText())) {
                JsonNode schema = resolve(document, p.path("schema"));
                String value = schema.has("enum") ? schema.get("enum").get(0).asText()
                        : "uuid".equals(schema.path("format").asText()) ? UUID.randomUUID().toString()
                        : useExamples && p.has("example") ? p.get("example").asText() : "X1";
                path = path.replace("{" + p.path("name").asText() + "}", value);
            }
        }
        return path;
    }
}
