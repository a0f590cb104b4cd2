package org.openpbr.platform;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every OpenPbR service shares. */
@ConfigMapping(prefix = "openpbr")
public interface PlatformConfig {

    /** The service's name as reported to callers, e.g. {@code clustering-service}. */
    @WithDefault("${quarkus.application.name}")
    String serviceName();

    OpenApi openapi();

    Json json();

    /** How JSON request bodies are read. */
    interface Json {
        /** The largest JSON request body accepted; bulk data travels as CSV uploads, which have their own limit. */
        @WithDefault("1048576")
        long maxBodyBytes();
    }

    /**
     * Where Swagger UI's Authorize button logs people in; differs per deployment, so the published
     * contract's local addresses are replaced at start-up (see {@code OAuthEndpointsFilter}).
     */
    interface OpenApi {
        Optional<String> authorizationUrl();

        Optional<String> tokenUrl();
    }
}
