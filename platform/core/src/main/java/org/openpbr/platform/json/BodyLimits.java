package org.openpbr.platform.json;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openpbr.platform.PlatformConfig;
import org.openpbr.platform.problem.ProblemType;

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
                ProblemType problem = ProblemType.PAYLOAD_TOO_LARGE;
                String detail = json ? "A JSON request body may have at most " + limit + " bytes; send bulk data as a CSV upload"
                        : "A request body may have at most " + limit + " bytes";
                context.response().setStatusCode(problem.status())
                        .putHeader("Content-Type", "application/problem+json")
                        .putHeader("Cache-Control", "no-store")
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Connection", "close")
                        .end("{\"type\":\"" + problem.uri() + "\",\"title\":\"" + problem.title() + "\",\"status\":"
                                + problem.status() + ",\"detail\":\"" + detail + "\"}");
                return;
            }
            context.next();
        });
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
