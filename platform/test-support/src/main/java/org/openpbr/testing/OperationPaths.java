package org.openpbr.testing;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading an OpenAPI document's operations: references resolved, path templates filled in. */
final class OperationPaths {

    private OperationPaths() {
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
