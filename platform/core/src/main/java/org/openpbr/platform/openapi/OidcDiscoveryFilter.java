package org.openpbr.platform.openapi;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Points the published {@code oidc} security scheme at the identity provider this deployment
 * really uses, so Swagger UI's "Authorize" button logs people in wherever the suite runs. The
 * published contract carries the local-runner default; only this one URL differs per deployment.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class OidcDiscoveryFilter implements OASFilter {

    public static final String SCHEME = "oidc";
    public static final String URL_PROPERTY = "openpbr.openapi.oidc-discovery-url";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes() == null) {
            return;
        }
        SecurityScheme scheme = openAPI.getComponents().getSecuritySchemes().get(SCHEME);
        if (scheme != null) {
            ConfigProvider.getConfig().getOptionalValue(URL_PROPERTY, String.class)
                    .ifPresent(scheme::setOpenIdConnectUrl);
        }
    }
}
