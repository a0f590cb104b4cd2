package org.openpbr.testing;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every request body the contract shows (the example Swagger UI offers with "Try it out") is sent
 * as it is, and must be valid input: accepted, or refused only for the state of what it names (an
 * unknown patient 404, a conflict 409, a missing or stale If-Match 428/412), never as malformed or
 * invalid (400), too large (413), of the wrong media type (415) or a failure (5xx). An operation
 * that takes a body and shows no example is reported too. A CSV upload's facts travel as query
 * parameters, so with a CSV example every query parameter that has an example is sent as well.
 */
public final class ContractExamples {

    /** Answers that judge the state of named records, not the input. */
    private static final Set<Integer> STATE_ANSWERS = Set.of(404, 409, 412, 428);

    /** One example sent: the operation, its media type, and the answer (-1 when there was no example). */
    public record Tried(String operation, String mediaType, int status, String answer) {

        public boolean valid() {
            return (status >= 200 && status < 300) || STATE_ANSWERS.contains(status);
        }

        @Override
        public String toString() {
            return operation + " [" + mediaType + "] -> " + (status < 0 ? "no example in the contract" : status + " "
                    + answer);
        }
    }

    private final JsonNode document;
    private final List<TestTokens> callers;

    public ContractExamples(ApiContract contract, List<TestTokens> callers) {
        this.document = contract.effective();
        this.callers = List.copyOf(callers);
    }

    public List<Tried> run() {
        List<Tried> tried = new ArrayList<>();
        for (OperationPaths.Operation operation : OperationPaths.operations(document)) {
            Iterator<Map.Entry<String, JsonNode>> types = operation.op().path("requestBody").path("content")
                    .properties().iterator();
            while (types.hasNext()) {
                Map.Entry<String, JsonNode> type = types.next();
                tried.add(send(operation.method(), operation.template(), operation.op(), type.getKey(),
                        example(type.getValue())));
            }
        }
        return tried;
    }

    /** The media type's example: {@code example}, or the first of {@code examples}. */
    private static JsonNode example(JsonNode mediaType) {
        if (mediaType.has("example")) {
            return mediaType.get("example");
        }
        Iterator<JsonNode> examples = mediaType.path("examples").elements();
        return examples.hasNext() ? examples.next().path("value") : null;
    }

    private Tried send(String method, String template, JsonNode op, String mediaType, JsonNode example) {
        String name = method + " " + template;
        if (example == null || example.isMissingNode()) {
            return new Tried(name, mediaType, -1, "");
        }
        byte[] body = (example.isTextual() ? example.asText() : example.toString()).getBytes(StandardCharsets.UTF_8);
        String path = concrete(template, op);
        Response response = null;
        for (TestTokens caller : callers) {
            RequestSpecification spec = given().header("Authorization", caller.bearer())
                    .accept("application/json, text/csv;q=0.9, */*;q=0.5")
                    .contentType(mediaType.startsWith("text/") ? mediaType + "; charset=UTF-8" : mediaType).body(body);
            if (mediaType.startsWith("text/csv")) {
                for (JsonNode parameter : op.path("parameters")) {
                    JsonNode p = resolve(parameter);
                    if ("query".equals(p.path("in").asText()) && p.has("example")) {
                        spec = spec.queryParam(p.path("name").asText(), p.get("example").asText());
                    }
                }
            }
            response = spec.request(method, path);
            if (response.statusCode() != 403) {
                break;
            }
        }
        String text = response.asString();
        return new Tried(name, mediaType, response.statusCode(), text.length() > 300 ? text.substring(0, 300) : text);
    }

    private String concrete(String template, JsonNode op) {
        return OperationPaths.concrete(document, template, op, true);
    }

    private JsonNode resolve(JsonNode node) {
        return OperationPaths.resolve(document, node);
    }
}
