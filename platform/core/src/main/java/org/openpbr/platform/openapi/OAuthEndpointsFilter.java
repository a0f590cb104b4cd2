package org.openpbr.platform.openapi;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Points the published {@code oauth2} security scheme at the identity provider this deployment
 * really uses, so Swagger UI's Authorize button logs people in wherever the suite runs. The
 * published contract carries the local stack's addresses; only these two differ per deployment.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class OAuthEndpointsFilter implements OASFilter {

    public static final String SCHEME = "oauth2";
    public static final String AUTHORIZATION_URL = "openpbr.openapi.authorization-url";
    public static final String TOKEN_URL = "openpbr.openapi.token-url";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes() == null) {
            return;
        }
        SecurityScheme scheme = openAPI.getComponents().getSecuritySchemes().get(SCHEME);
        if (scheme == null || scheme.getFlows() == null || scheme.getFlows().getAuthorizationCode() == null) {
            return;
        }
        OAuthFlow flow = scheme.getFlows().getAuthorizationCode();
        Config config = ConfigProvider.getConfig();
        config.getOptionalValue(AUTHORIZATION_URL, String.class).ifPresent(flow::setAuthorizationUrl);
        config.getOptionalValue(TOKEN_URL, String.class).ifPresent(flow::setTokenUrl);
    }
}
