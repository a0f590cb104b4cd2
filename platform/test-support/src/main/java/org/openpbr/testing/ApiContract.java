package org.openpbr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * A service's published contract: {@code api-specs/<service>.yaml} with the shared components of
 * {@code api-specs/common.yaml} brought in, exactly as the running service serves it. Tests use it
 * to validate every request and response, and to prove the served document has not drifted.
 */
public final class ApiContract {

    public static final String COMMON = "common.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final ObjectNode effective;

    private ApiContract(String service, ObjectNode effective) {
        this.service = service;
        this.effective = effective;
    }

    public static ApiContract forService(String service) {
        Path specs = specsDirectory();
        ObjectNode document = read(specs.resolve(service + ".yaml"));
        ObjectNode common = read(specs.resolve(COMMON));
        return new ApiContract(service, resolve(document, common));
    }

    /** The contract of the service whose module the tests run in (the module directory's name). */
    public static ApiContract ofThisService() {
        return forService(Path.of(System.getProperty("user.dir")).getFileName().toString());
    }

    /** {@code api-specs/} of this repository, found from the build's root or by walking up. */
    public static Path specsDirectory() {
        String root = System.getProperty("repository.root");
        if (root != null && Files.isDirectory(Path.of(root, "api-specs"))) {
            return Path.of(root, "api-specs");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("api-specs").resolve(COMMON))) {
                return dir.resolve("api-specs");
            }
        }
        throw new IllegalStateException("api-specs/ not found above " + Path.of("").toAbsolutePath());
    }

    public String service() {
        return service;
    }

    public JsonNode effective() {
        return effective.deepCopy();
    }

    /** Validates requests and responses against the contract. */
    public OpenApiValidationFilter filter() {
        return new OpenApiValidationFilter(validator(LevelResolver.create().build()));
    }

    /**
     * Validates only responses: for tests that send deliberately bad or unauthenticated requests
     * and must still get the documented answer.
     */
    public OpenApiValidationFilter responseFilter() {
        return new OpenApiValidationFilter(validator(LevelResolver.create()
                .withLevel("validation.request", ValidationReport.Level.IGNORE).build()));
    }

    /**
     * What is wrong with {@code json} as this service's answer to {@code GET path} with
     * {@code status}; empty when it keeps to the contract. Lets a consumer's test prove that the
     * pages it is fed are pages the producer could really serve.
     */
    public List<String> getResponseFaults(String path, int status, String json) {
        ValidationReport report = validator(LevelResolver.create().build()).validateResponse(path,
                Request.Method.GET,
                SimpleResponse.Builder.status(status)
                        .withContentType("application/json").withBody(json).build());
        return report.getMessages().stream().map(ValidationReport.Message::getMessage).toList();
    }

    private OpenApiInteractionValidator validator(LevelResolver levels) {
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(JSON.writeValueAsString(effective))
                    .withLevelResolver(levels)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every place where a served OpenAPI document differs from the contract, as
     * {@code /json/pointer: contract X, served Y}; empty when they agree.
     */
    public List<String> differencesFrom(JsonNode served) {
        List<String> out = new ArrayList<>();
        compare("", effective, served, out);
        return out;
    }

    /**
     * A served document in the published form: the shared components left out and referred to in
     * {@code common.yaml}. Written next to the build output when the contract has drifted, so that
     * updating {@code api-specs/} after a deliberate change is a reviewed copy, not hand-typing.
     */
    public static ObjectNode publishable(JsonNode served) {
        ObjectNode common = read(specsDirectory().resolve(COMMON));
        ObjectNode document = served.deepCopy();
        JsonNode commonComponents = common.path("components");
        ObjectNode components = (ObjectNode) document.path("components");
        if (components != null) {
            for (Map.Entry<String, JsonNode> kind : commonComponents.properties()) {
                if (components.get(kind.getKey()) instanceof ObjectNode mine) {
                    kind.getValue().properties().forEach(item -> mine.remove(item.getKey()));
                    if (mine.isEmpty()) {
                        components.remove(kind.getKey());
                    }
                }
            }
            if (components.isEmpty()) {
                document.remove("components");
            }
        }
        publishRefs(document, commonComponents);
        return document;
    }

    /** Writes the served document in published form to {@code target/openapi/<service>.yaml}; returns the path. */
    public Path writePublishable(JsonNode served) {
        try {
            Path out = Path.of("target", "openapi", service + ".yaml");
            Files.createDirectories(out.getParent());
            YAMLFactory readable = YAMLFactory.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .build();
            new ObjectMapper(readable).writeValue(out.toFile(), publishable(served));
            return out.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void publishRefs(JsonNode node, JsonNode commonComponents) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/")) {
                String[] parts = ref.asText().split("/");
                if (parts.length == 4 && commonComponents.path(parts[2]).has(parts[3])) {
                    object.set("$ref", new TextNode(COMMON + ref.asText()));
                }
            }
            object.properties().forEach(entry -> publishRefs(entry.getValue(), commonComponents));
        } else if (node.isArray()) {
            node.forEach(item -> publishRefs(item, commonComponents));
        }
    }

    static ObjectNode resolve(ObjectNode document, ObjectNode common) {
        ObjectNode resolved = document.deepCopy();
        localiseRefs(resolved);
        JsonNode commonComponents = common.path("components");
        ObjectNode components = resolved.withObjectProperty("components");
        for (Map.Entry<String, JsonNode> kind : commonComponents.properties()) {
            ObjectNode target = components.withObjectProperty(kind.getKey());
            for (Map.Entry<String, JsonNode> item : kind.getValue().properties()) {
                if (target.has(item.getKey())) {
                    throw new IllegalStateException("components/" + kind.getKey() + "/" + item.getKey()
                            + " is defined both in the service contract and in " + COMMON);
                }
                target.set(item.getKey(), item.getValue().deepCopy());
            }
        }
        return resolved;
    }

    private static void localiseRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                String value = ref.asText();
                int hash = value.indexOf('#');
                String file = hash < 0 ? value : value.substring(0, hash);
                if (file.equals(COMMON) || file.equals("./" + COMMON)) {
                    object.set("$ref", new TextNode(value.substring(hash)));
                } else if (!file.isEmpty()) {
                    throw new IllegalStateException("unsupported reference " + value);
                }
            }
            object.elements().forEachRemaining(ApiContract::localiseRefs);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(ApiContract::localiseRefs);
        }
    }

    private static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected == null || actual == null) {
            out.add(pointer + ": contract " + brief(expected) + ", served " + brief(actual));
        } else if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), expected.get(name),
                        actual.get(name), out);
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(pointer + ": contract " + brief(expected) + ", served " + brief(actual));
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(pointer + "/" + i, expected.get(i), actual.get(i), out);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (new BigDecimal(expected.asText()).compareTo(new BigDecimal(actual.asText())) != 0) {
                out.add(pointer + ": contract " + expected + ", served " + actual);
            }
        } else if (!expected.equals(actual)) {
            out.add(pointer + ": contract " + brief(expected) + ", served " + brief(actual));
        }
    }

    private static String brief(JsonNode node) {
        if (node == null) {
            return "(absent)";
        }
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    private static ObjectNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException(file + " is not an OpenAPI document");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
