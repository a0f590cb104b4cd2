package org.openpbr.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The realm the local stack imports (and k8s will reuse) holds what the suite's security model needs. */
class RealmFileTest {

    private static final Path REALM = Path.of(System.getProperty("repository.root", "../.."),
            "platform/keycloak/openpbr-realm.json");

    private final JsonNode realm = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(REALM.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + REALM, e);
        }
    }

    private JsonNode client(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private List<String> mapperTypes(JsonNode client) {
        List<String> types = new ArrayList<>();
        client.path("protocolMappers").forEach(m -> types.add(m.path("protocolMapper").asText() + ":"
                + m.path("config").path("claim.name").asText(m.path("config").path("included.custom.audience")
                        .asText())));
        return types;
    }

    @Test
    void realm_openpbr_has_every_role_of_the_security_model() {
        assertThat(realm.path("realm").asText()).isEqualTo("openpbr");
        List<String> roles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        assertThat(roles).containsExactlyInAnyOrder("clinician", "clinical-lead", "finance", "contract-manager",
                "analyst", "admin", "service");
    }

    @Test
    void demo_users_cover_trust_commissioner_independent_provider_and_admin() throws IOException {
        DemoUsers demo = DemoUsers.read(REALM);
        assertThat(demo.users()).extracting(u -> u.username() + " " + u.orgCode() + " " + u.orgType() + " " + u.roles())
                .contains("clinician.rx1 RX1 PROVIDER [clinician]",
                        "finance.rx1 RX1 PROVIDER [finance]",
                        "analyst.15n 15N COMMISSIONER [analyst]",
                        "clinician.nz1 NZ1 INDEPENDENT_PROVIDER [clinician]",
                        "admin X24 NATIONAL [admin]");
    }

    @Test
    void every_client_puts_the_organisation_and_the_api_audience_in_access_tokens() {
        for (String clientId : List.of("openpbr-swagger-ui", "openpbr-cli")) {
            assertThat(mapperTypes(client(clientId))).contains("oidc-usermodel-attribute-mapper:org_code",
                    "oidc-usermodel-attribute-mapper:org_type", "oidc-audience-mapper:openpbr-api");
        }
    }

    @Test
    void each_service_has_a_confidential_client_credentials_client_with_the_service_role() {
        for (String service : StackSettings.SERVICES) {
            JsonNode client = client(service);
            assertThat(client.path("publicClient").asBoolean()).isFalse();
            assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
            assertThat(client.path("standardFlowEnabled").asBoolean()).isFalse();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
            assertThat(client.path("secret").asText()).startsWith("${OPENPBR_" + StackSettings.envName(service)
                    + "_CLIENT_SECRET:");
            assertThat(mapperTypes(client)).contains("oidc-audience-mapper:openpbr-api");
            boolean hasServiceRole = false;
            for (JsonNode user : realm.path("users")) {
                if (user.path("serviceAccountClientId").asText().equals(service)) {
                    hasServiceRole = user.path("realmRoles").toString().contains("\"service\"");
                }
            }
            assertThat(hasServiceRole).as("%s's service account has the service role", service).isTrue();
        }
    }

    @Test
    void swagger_ui_logs_in_with_pkce_and_only_back_to_the_services() {
        JsonNode swagger = client("openpbr-swagger-ui");
        assertThat(swagger.path("publicClient").asBoolean()).isTrue();
        assertThat(swagger.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(swagger.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(swagger.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        List<String> redirects = new ArrayList<>();
        swagger.path("redirectUris").forEach(r -> redirects.add(r.asText()));
        assertThat(redirects).hasSize(4).allMatch(r -> r.endsWith("/q/swagger-ui/oauth2-redirect.html"))
                .noneMatch(r -> r.contains("*"));
    }

    @Test
    void organisation_attributes_are_declared_in_the_user_profile_and_editable_by_admins_only() throws IOException {
        String config = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").path(0)
                .path("config").path("kc.user.profile.config").path(0).asText();
        JsonNode profile = new ObjectMapper().readTree(config);
        Map<String, JsonNode> attributes = new java.util.HashMap<>();
        profile.path("attributes").forEach(a -> attributes.put(a.path("name").asText(), a));
        assertThat(attributes).containsKeys("org_code", "org_type");
        assertThat(attributes.get("org_type").path("validations").path("options").path("options").toString())
                .isEqualTo("[\"PROVIDER\",\"INDEPENDENT_PROVIDER\",\"COMMISSIONER\",\"NATIONAL\"]");
        for (String name : List.of("org_code", "org_type")) {
            assertThat(attributes.get(name).path("permissions").path("edit").toString()).isEqualTo("[\"admin\"]");
        }
    }
}
