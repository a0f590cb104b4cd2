package org.openpbr.synthetic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads a synthetic trust into a running clustering-service through its public API, exactly as an
 * EPR would: register, open the care spell, record each assessment, then allocate the suggestion
 * (or override it with a reason). Assessments and allocations carry idempotency keys.
 */
public final class ClusteringLoader {

    static final String[] SCALES = GridCode.SCALES.toArray(String[]::new);

    private final URI base;
    private final Supplier<String> bearer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> patientIds = new HashMap<>();
    private final Map<String, String> spellIds = new HashMap<>();
    private final Map<String, String> allocated = new LinkedHashMap<>();
    /** People already registered before this load (a load that was interrupted): left as they are. */
    private final java.util.Set<String> existing = new java.util.HashSet<>();

    /** What a load did; people registered by an earlier, interrupted load are left as they are and not counted. */
    public record Summary(int patients, int assessments, int allocations, int overrides) {
    }

    /**
     * @param base   the service's base address, e.g. {@code http://localhost:8081}
     * @param bearer a current access token of a clinician of the trust's organisation
     */
    public ClusteringLoader(URI base, Supplier<String> bearer) {
        this.base = base;
        this.bearer = bearer;
    }

    public Summary load(List<TrustEvent> events) throws IOException, InterruptedException {
        int patients = 0;
        int assessments = 0;
        int allocations = 0;
        int overrides = 0;
        for (TrustEvent event : events) {
            String localId = event instanceof TrustEvent.PatientRegistered p ? p.localId()
                    : event instanceof TrustEvent.SpellOpened s ? s.localId() : ((TrustEvent.Assessed) event).localId();
            if (existing.contains(localId)) {
                continue;
            }
            if (event instanceof TrustEvent.PatientRegistered p) {
                HttpResponse<String> response = send("/v1/patients", null, Map.of("localId", p.localId(), "nhsNumber",
                        p.nhsNumber(), "dateOfBirth", p.dateOfBirth().toString()));
                if (response.statusCode() == 200) {
                    existing.add(p.localId());
                    continue;
                }
                patientIds.put(p.localId(), json.readTree(response.body()).get("id").asText());
                patients++;
            } else if (event instanceof TrustEvent.SpellOpened s) {
                JsonNode created = post("/v1/patients/" + patientIds.get(s.localId()) + "/care-spells", null,
                        Map.of("commissionerCode", s.commissionerCode(), "startDate", s.date().toString(), "source",
                                s.source()));
                spellIds.put(s.spellKey(), created.get("id").asText());
            } else if (event instanceof TrustEvent.Assessed a) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("patientId", patientIds.get(a.localId()));
                body.put("careSpellId", spellIds.get(a.spellKey()));
                body.put("assessedOn", a.date().toString());
                body.put("reason", a.reason());
                Map<String, Object> ratings = new LinkedHashMap<>();
                for (int i = 0; i < SCALES.length; i++) {
                    ratings.put(SCALES[i], a.ratings()[i]);
                }
                body.put("ratings", ratings);
                if (a.item8Type() != null) {
                    body.put("item8ProblemType", a.item8Type());
                }
                body.put("rater", a.rater());
                body.put("team", a.team());
                String key = a.localId() + "/" + a.date() + "/" + a.reason() + "/" + a.rater();
                JsonNode recorded = post("/v1/assessments", key, body);
                assessments++;
                if (a.allocation() == TrustEvent.Allocation.NONE) {
                    continue;
                }
                JsonNode suggestion = recorded.path("suggestion");
                String suggested = suggestion.path("suggestedCode").asText();
                List<String> agreeing = new java.util.ArrayList<>();
                agreeing.add(suggested);
                suggestion.path("tiedCodes").forEach(code -> agreeing.add(code.asText()));
                Map<String, Object> allocation = new LinkedHashMap<>();
                if (a.allocation() == TrustEvent.Allocation.OVERRIDE && !agreeing.contains(a.overrideCode())) {
                    allocation.put("code", a.overrideCode());
                    allocated.put(a.localId(), a.overrideCode());
                    allocation.put("overrideReason", a.overrideReason());
                    overrides++;
                } else {
                    allocation.put("code", suggested);
                    allocated.put(a.localId(), suggested);
                }
                post("/v1/assessments/" + recorded.get("id").asText() + "/allocation", key + "/allocation",
                        allocation);
                allocations++;
            }
        }
        return new Summary(patients, assessments, allocations, overrides);
    }

    /** The code each person was last allocated in this load, by local id. */
    public Map<String, String> allocatedCodes() {
        return java.util.Collections.unmodifiableMap(allocated);
    }

    private JsonNode post(String path, String idempotencyKey, Object body) throws IOException, InterruptedException {
        return json.readTree(send(path, idempotencyKey, body).body());
    }

    private HttpResponse<String> send(String path, String idempotencyKey, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer.get()).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
