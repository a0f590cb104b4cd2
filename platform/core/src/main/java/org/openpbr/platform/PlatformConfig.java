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

    interface OpenApi {
        /**
         * The OpenID discovery document Swagger UI logs in with; differs per deployment, so it is
         * set at run time (see {@code OidcDiscoveryFilter}).
         */
        Optional<String> oidcDiscoveryUrl();
    }
}
