package org.openpbr.platform.json;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.openpbr.platform.PlatformConfig;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every JSON request body is read whole before anything acts on it: at most
 * {@code openpbr.json.max-body-bytes} (413 beyond), every field fault collected into one 400, and a
 * body of just {@code null} refused. CSV uploads are not JSON and keep their own, larger limit.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.ENTITY_CODER)
public class StrictJsonReading implements ReaderInterceptor {

    // Looked up at the first read: JAX-RS providers are made before runtime configuration is ready.
    @Inject
    Instance<PlatformConfig> config;

    @Inject
    Instance<ObjectMapper> mappers;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType media = context.getMediaType();
        if (media == null || !(media.getSubtype().equals("json") || media.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        long limit = config.get().json().maxBodyBytes();
        ObjectMapper mapper = mappers.get();
        Meter meter = new Meter(context.getInputStream(), limit);
        byte[] body;
        try {
            body = meter.readAllBytes();
        } catch (IOException e) {
            if (meter.exceeded) {
                throw tooLarge(limit);
            }
            throw e;
        }
        if (!meter.content) {
            context.setInputStream(new ByteArrayInputStream(body));
            return context.proceed();
        }
        // First the tree (malformed JSON and repeated keys end here), to find every unknown field with its
        // path; then the real read, collecting every value of the wrong kind.
        JsonNode tree = mapper.readTree(body);
        if (tree == null || tree.isNull()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object, not null");
        }
        JavaType type = mapper.getTypeFactory().constructType(context.getGenericType());
        List<FieldError> faults = new ArrayList<>(JsonFaults.unknownFields(mapper, type, tree));
        context.setInputStream(new ByteArrayInputStream(body));
        Object value = JsonFaults.collecting(faults, context::proceed);
        JsonFaults.throwIfAny(faults);
        return value;
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, tooLargeDetail(true, limit));
    }

    /** The one wording of a too-large body, whether it is refused from its Content-Length or while read. */
    static String tooLargeDetail(boolean json, long limit) {
        return json ? "A JSON request body may have at most " + limit + " bytes; send bulk data as a CSV upload"
                : "A request body may have at most " + limit + " bytes";
    }

    /** Counts the bytes read, stops at the limit, and notes whether anything but blanks was sent. */
    private static final class Meter extends FilterInputStream {
        private final long limit;
        private long read;
        boolean exceeded;
        boolean content;

        Meter(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
                note((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                for (int i = offset; i < offset + n && !content; i++) {
                    note(buffer[i]);
                }
            }
            return n;
        }

        private void note(byte b) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                content = true;
            }
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                exceeded = true;
                throw new IOException("request body over " + limit + " bytes");
            }
        }
    }
}
