package org.openpbr.platform.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code Idempotency-Key} handling for EPR writes: the first request with a key runs and its
 * response is kept in the same transaction as its effects; a retry with the same key and the same
 * request gets that response again; the same key with a different request is a 409. Keys are
 * scoped to the calling organisation, so two organisations can never collide or read each other's.
 */
@ApplicationScoped
public class IdempotentWrites {

    public static final String HEADER = "Idempotency-Key";
    /** Also the response header on a replay, so a client can tell a replay from a first answer. */
    public static final String REPLAYED = "Idempotent-Replayed";
    /** How the request header is documented on every operation that takes it. */
    public static final String HEADER_DESCRIPTION = "A key unique to this write (e.g. a UUID). A retry with the same key and body returns the first response (header Idempotent-Replayed: true); the same key with another body is a 409.";
    /** How the replay header is documented on every response that may carry it. */
    public static final String REPLAYED_DESCRIPTION = "true when this is the stored response to an earlier request with the same key";
    private static final int MAX_KEY_LENGTH = 255;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** A created resource: where it is and its representation. */
    public record Created(URI location, Object body) {
    }

    /**
     * Runs {@code write} (inside this method's transaction) unless the key was seen before.
     *
     * @param orgCode the calling organisation
     * @param key     the header value; null or blank means no idempotency, just run
     * @param operation the method and path, e.g. {@code POST /v1/assessments}
     * @param body      the request body as received; with the operation, it decides whether a reused key
     *                  is a retry (same request) or a mistake (different request)
     */
    @Transactional
    public Response create(String orgCode, String key, String operation, Object body, Supplier<Created> write) {
        if (key == null || key.isBlank()) {
            return created(write.get());
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalid(List.of(new FieldError(HEADER, "must be at most " + MAX_KEY_LENGTH
                    + " characters")));
        }
        String hash;
        try {
            hash = sha256(operation + " " + json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Waits for a concurrent first request with the same key to finish, then inserts nothing.
        int inserted = em.createNativeQuery("insert into idempotency_key (org_code, key, request_hash) values"
                + " (:org, :key, :hash) on conflict do nothing").setParameter("org", orgCode).setParameter("key", key)
                .setParameter("hash", hash).executeUpdate();
        if (inserted == 0) {
            Row stored = Row.first(em.createNativeQuery("""
                    select request_hash, response_status, cast(response_body as text) as response_body, location
                      from idempotency_key where org_code = :org and key = :key""", Tuple.class)
                    .setParameter("org", orgCode).setParameter("key", key)).orElseThrow();
            if (!hash.equals(stored.text("request_hash"))) {
                throw ProblemException.conflict("This Idempotency-Key was already used for a different request;"
                        + " use a new key for a new request");
            }
            Response.ResponseBuilder replay = Response.status(stored.integer("response_status")).header(REPLAYED, "true");
            if (stored.text("location") != null) {
                replay.location(URI.create(stored.text("location")));
            }
            try {
                return replay.entity(json.readTree(stored.text("response_body"))).build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored idempotent response is not JSON", e);
            }
        }
        Created result = write.get();
        try {
            em.createNativeQuery("update idempotency_key set response_status = 201, response_body = cast(:body as jsonb),"
                    + " location = :location where org_code = :org and key = :key")
                    .setParameter("body", json.writeValueAsString(result.body()))
                    .setParameter("location", result.location().toString()).setParameter("org", orgCode)
                    .setParameter("key", key).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return created(result);
    }

    private static Response created(Created result) {
        return Response.created(result.location()).entity(result.body()).build();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
