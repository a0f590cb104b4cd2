package org.openpbr.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The deployable realm (which k8s will import) holds what the suite's security model needs and
 * nothing local-only; the local stack's realm adds the demo users and the password-grant client.
 */
class RealmFileTest {

    private static final Path HOME = Path.of(System.getProperty("repository.root", "../.."));
    private static final Path REALM = HOME.resolve(LocalRealm.BASE);
    private static final Path ADDITIONS = HOME.resolve(LocalRealm.ADDITIONS);

    @TempDir
    Path data;

    private final JsonNode realm = read(REALM);

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private JsonNode client(String clientId) {
        return client(realm, clientId);
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private List<String> roles(String serviceAccountOf) {
        List<String> roles = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            if (user.path("serviceAccountClientId").asText().equals(serviceAccountOf)) {
                user.path("realmRoles").forEach(r -> roles.add(r.asText()));
            }
        }
        return roles;
    }

    @Test
    void the_deployable_realm_has_no_local_only_client_no_people_and_no_offline_tokens_for_swagger_ui() {
        List<String> clients = new ArrayList<>();
        realm.path("clients").forEach(c -> clients.add(c.path("clientId").asText()));
        assertThat(clients).doesNotContain("openpbr-cli");
        realm.path("clients").forEach(c -> assertThat(c.path("directAccessGrantsEnabled").asBoolean())
                .as("%s has the password grant", c.path("clientId").asText()).isFalse());
        realm.path("users").forEach(u -> assertThat(u.has("serviceAccountClientId"))
                .as("%s is a person in the deployable realm", u.path("username").asText()).isTrue());
        assertThat(client("openpbr-swagger-ui").path("optionalClientScopes").isArray()).isTrue();
        assertThat(client("openpbr-swagger-ui").path("optionalClientScopes")).isEmpty();
    }

    @Test
    void the_deployable_realm_locks_out_password_guessing_and_has_a_password_policy() {
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("failureFactor").asInt()).isBetween(1, 10);
        assertThat(realm.path("maxFailureWaitSeconds").asInt()).isGreaterThanOrEqualTo(300);
        assertThat(realm.path("passwordPolicy").asText()).contains("length(12)").contains("notUsername")
                .contains("passwordHistory");
    }

    @Test
    void the_local_realm_is_the_deployable_one_plus_the_cli_client_and_the_demo_users() throws Exception {
        JsonNode local = read(LocalRealm.compose(HOME, data));
        assertThat(client(local, "openpbr-cli").path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(local.path("users").size()).isEqualTo(realm.path("users").size()
                + read(ADDITIONS).path("users").size());
        assertThat(local.path("passwordPolicy")).isEqualTo(realm.path("passwordPolicy"));
        assertThat(local.path("roles")).isEqualTo(realm.path("roles"));
        DemoUsers.read(ADDITIONS).users().forEach(u -> assertThat(u.username()).isNotBlank());
    }

    @Test
    void each_service_account_holds_only_the_reader_roles_of_what_it_consumes() {
        assertThat(roles("clustering-service")).containsExactlyInAnyOrder("default-roles-openpbr", "service");
        assertThat(roles("costing-service")).containsExactlyInAnyOrder("default-roles-openpbr", "service",
                "episodes-reader");
        assertThat(roles("contract-service")).containsExactlyInAnyOrder("default-roles-openpbr", "service",
                "episodes-reader", "allocations-reader", "tariffs-reader");
        assertThat(roles("outcomes-service")).containsExactlyInAnyOrder("default-roles-openpbr", "service",
                "assessments-reader");
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
                "analyst", "admin", "service", "episodes-reader", "allocations-reader", "assessments-reader",
                "tariffs-reader");
    }

    @Test
    void demo_users_cover_trust_commissioner_independent_provider_and_admin() throws IOException {
        DemoUsers demo = DemoUsers.read(ADDITIONS);
        assertThat(demo.users()).extracting(u -> u.username() + " " + u.orgCode() + " " + u.orgType() + " " + u.roles())
                .contains("clinician.rx1 RX1 PROVIDER [clinician]",
                        "finance.rx1 RX1 PROVIDER [finance]",
                        "analyst.15n 15N COMMISSIONER [analyst]",
                        "clinician.nz1 NZ1 INDEPENDENT_PROVIDER [clinician]",
                        "finance.nz1 NZ1 INDEPENDENT_PROVIDER [finance]",
                        "contracts.14l 14L COMMISSIONER [contract-manager, analyst]",
                        "admin X24 NATIONAL [admin]");
    }

    @Test
    void every_client_puts_the_organisation_and_the_api_audience_in_access_tokens() {
        for (JsonNode client : List.of(client("openpbr-swagger-ui"), client(read(ADDITIONS), "openpbr-cli"))) {
            assertThat(mapperTypes(client)).contains("oidc-usermodel-attribute-mapper:org_code",
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
