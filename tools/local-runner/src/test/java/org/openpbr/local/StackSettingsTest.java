package org.openpbr.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static final Path HOME = Path.of("/repo");

    @Test
    void defaults_are_the_documented_ports_and_data_directory() throws StackException {
        StackSettings settings = StackSettings.from(Map.of("home", "/repo"), Map.of(), HOME);
        assertThat(settings.data()).isEqualTo(Path.of("/repo/.openpbr"));
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.keycloakPort()).isEqualTo(8180);
        assertThat(settings.servicePort("clustering-service")).isEqualTo(8081);
        assertThat(settings.servicePort("costing-service")).isEqualTo(8082);
        assertThat(settings.servicePort("contract-service")).isEqualTo(8083);
        assertThat(settings.servicePort("outcomes-service")).isEqualTo(8084);
    }

    @Test
    void options_win_over_environment_which_wins_over_defaults() throws StackException {
        StackSettings settings = StackSettings.from(Map.of("home", "/repo", "keycloak-port", "9180"),
                Map.of("OPENPBR_KEYCLOAK_PORT", "7180", "OPENPBR_COSTING_PORT", "9082", "OPENPBR_DATA", "/tmp/pbr"),
                HOME);
        assertThat(settings.keycloakPort()).isEqualTo(9180);
        assertThat(settings.servicePort("costing-service")).isEqualTo(9082);
        assertThat(settings.data()).isEqualTo(Path.of("/tmp/pbr"));
    }

    @Test
    void bad_and_clashing_ports_are_reported_together_in_words() {
        assertThatThrownBy(() -> StackSettings.from(Map.of("home", "/repo", "postgres-port", "eighty",
                "outcomes-port", "80"), Map.of(), HOME))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--postgres-port (or OPENPBR_POSTGRES_PORT) must be a port number")
                .hasMessageContaining("'eighty'")
                .hasMessageContaining("--outcomes-port");
        assertThatThrownBy(() -> StackSettings.from(Map.of("home", "/repo", "contract-port", "8180"), Map.of(), HOME))
                .hasMessage("Port 8180 is set for both Keycloak and contract-service; each needs its own.");
    }

    @Test
    void a_port_in_use_is_named_with_what_needs_it() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0)) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("Keycloak", squatter.getLocalPort());
            assertThat(Ports.isFree(squatter.getLocalPort())).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(ports))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + squatter.getLocalPort() + " (Keycloak)")
                    .hasMessageContaining("--keycloak-port");
        }
    }

    @Test
    void command_line_parsing_accepts_both_option_forms_and_rejects_unknown_ones() throws StackException {
        Map<String, String> options = new LinkedHashMap<>();
        assertThat(LocalRunner.parse(new String[] { "run", "--data=/d", "--keycloak-port", "9" }, options))
                .isEqualTo("run");
        assertThat(options).containsEntry("data", "/d").containsEntry("keycloak-port", "9");
        assertThat(LocalRunner.parse(new String[] {}, new LinkedHashMap<>())).isEqualTo("run");
        assertThatThrownBy(() -> LocalRunner.parse(new String[] { "--colour", "red" }, new LinkedHashMap<>()))
                .hasMessageContaining("Unknown option --colour");
    }

    @Test
    void the_demo_password_placeholder_falls_back_to_its_default() {
        assertThat(DemoUsers.placeholderDefault("${OPENPBR_UNSET_VARIABLE_FOR_TEST:openpbr-demo}"))
                .isEqualTo("openpbr-demo");
        assertThat(DemoUsers.placeholderDefault("plain")).isEqualTo("plain");
    }
}
