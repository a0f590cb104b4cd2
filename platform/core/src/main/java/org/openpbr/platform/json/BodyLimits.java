package org.openpbr.platform.json;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openpbr.platform.PlatformConfig;
import org.openpbr.platform.problem.Problem;
import org.openpbr.platform.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * A body announced as larger than the service accepts is refused before it is read, with a
 * problem+json 413 (Vert.x's own refusal has no body): JSON bodies above
 * {@code openpbr.json.max-body-bytes}, anything else (CSV uploads) above
 * {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class BodyLimits {

    @Inject
    PlatformConfig config;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long jsonLimit = config.json().maxBodyBytes();
        long anyLimit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE + 100).handler(context -> {
            HttpServerRequest request = context.request();
            long length = contentLength(request.getHeader("Content-Length"));
            String type = request.getHeader("Content-Type");
            boolean json = type != null && (type.contains("/json") || type.contains("+json"));
            long limit = json ? Math.min(jsonLimit, anyLimit) : anyLimit;
            if (length > limit) {
                // The same problem body the REST layer's mappers write, rendered by the same mapper.
                Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE, StrictJsonReading.tooLargeDetail(json, limit));
                context.response().setStatusCode(problem.status())
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Cache-Control", "no-store")
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Connection", "close")
                        .end(render(problem));
                return;
            }
            context.next();
        });
    }

    private String render(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is plain JSON", e);
        }
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
