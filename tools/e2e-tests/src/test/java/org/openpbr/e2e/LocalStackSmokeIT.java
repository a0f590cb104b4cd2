package org.openpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Run command end to end: real PostgreSQL, real Keycloak with the repository's realm, the four
 * packaged services; real tokens for a demo user and for service accounts; a clean stop that
 * leaves nothing running; and a second start that is faster and still has the data.
 */
class LocalStackSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Each service account's roles as the realm grants them: service, and a reader role per thing it consumes. */
    private static final Map<String, String> READER_ROLES = Map.of(
            "clustering-service", "[\"service\"]",
            "costing-service", "[\"episodes-reader\",\"service\"]",
            "contract-service", "[\"allocations-reader\",\"episodes-reader\",\"service\",\"tariffs-reader\"]",
            "outcomes-service", "[\"assessments-reader\",\"service\"]");

    @Test
    void the_stack_runs_issues_real_tokens_stops_cleanly_and_restarts_with_its_data() throws Exception {
        Path data = Path.of("target/e2e-stack").toAbsolutePath();
        deleteRecursively(data);
        Map<String, Integer> ports = RunningStack.freePorts();
        String marker = "e2e-" + UUID.randomUUID();

        List<ProcessHandle> firstRunProcesses;
        Duration firstStart;
        try (RunningStack stack = RunningStack.start(data, ports)) {
            firstStart = stack.startedIn;
            assertThat(stack.output).anyMatch(line -> line.contains("/q/swagger-ui"))
                    .anyMatch(line -> line.contains("clinician.rx1"))
                    .anyMatch(line -> line.contains("demo trust RX1 loaded") && line.contains(" "
                            + RunningStack.DEMO_PATIENTS + " people"));
            // The demo trust went in through the API and the service's own measures see it.
            String lead = passwordToken(stack, "lead.rx1");
            JsonNode quality = getJson(stack.serviceUrl("clustering-service") + "/v1/quality?from="
                    + java.time.LocalDate.now().minusYears(2) + "&to=" + java.time.LocalDate.now(), lead, 200);
            assertThat(quality.path("total").path("allocations").path("count").asInt()).isPositive();
            assertThat(quality.path("total").path("peopleWithCluster").path("count").asInt()).isPositive();


            // costing-service pulls the demo trust's cluster episodes from clustering-service's feed
            // with its own service account: every RX1 episode arrives, as the same count.
            HttpResponse<String> sync = HTTP.send(HttpRequest.newBuilder(URI.create(stack.serviceUrl("costing-service")
                    + "/v1/episodes/sync")).header("Authorization", "Bearer " + passwordToken(stack, "finance.rx1"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sync.statusCode()).as("episode sync: %s", sync.body()).isEqualTo(200);
            JsonNode synced = JSON.readTree(sync.body());
            assertThat(synced.path("caughtUp").asBoolean()).isTrue();
            assertThat(synced.path("yourFeedEpisodes").asLong()).isPositive()
                    .isEqualTo(count(ports, "clustering", "select count(*) from cluster_episode where provider_code = 'RX1'"))
                    .isEqualTo(count(ports, "costing", "select count(*) from cluster_episode where provider_code = 'RX1'"
                            + " and source = 'FEED'"));

            // ... and its last financial year was loaded into costing-service as its finance user and
            // costed once: the run reconciles to the penny, and more cost reaches episodes than not
            // (a small demo trust may leave a ward without patients: its cost is unallocated).
            String costed = stack.output.stream().filter(line -> line.contains("demo costing RX1: period FY"))
                    .findFirst().orElseThrow(() -> new AssertionError("no demo costing line in " + stack.output));
            String period = costed.replaceAll(".*period (FY[0-9]{4}-[0-9]{2}):.*", "$1");
            JsonNode runs = getJson(stack.serviceUrl("costing-service") + "/v1/runs?period=" + period,
                    passwordToken(stack, "finance.rx1"), 200);
            assertThat(runs.path("items").size()).isEqualTo(1);
            JsonNode reconciliation = runs.path("items").get(0).path("reconciliation");
            java.math.BigDecimal allocated = reconciliation.path("allocated").decimalValue();
            java.math.BigDecimal notClustered = reconciliation.path("notClustered").decimalValue();
            assertThat(allocated.add(notClustered).add(reconciliation.path("unallocated").decimalValue())
                    .add(reconciliation.path("roundingResidual").decimalValue()))
                    .isEqualByComparingTo(reconciliation.path("costedTotal").decimalValue());
            assertThat(reconciliation.path("difference").decimalValue()).isZero();
            assertThat(allocated).isGreaterThan(notClustered).isPositive();

            // The demo year's contract 15N-RX1 went through the whole cycle: a tariff agreed from that
            // run, the contract drafted, offered and countersigned, clustering's episodes pulled, and
            // twelve monthly statements and the year end issued. In shadow mode the year pays exactly
            // the block (the costed total), whatever the cluster-priced activity shows beside it.
            assertThat(stack.output).anyMatch(line -> line.contains("demo contract 15N-RX1"));
            String manager = passwordToken(stack, "contracts.15n");
            JsonNode contractList = getJson(stack.serviceUrl("contract-service") + "/v1/contracts", manager, 200);
            java.util.Map<String, JsonNode> byReference = new java.util.HashMap<>();
            contractList.path("items").forEach(c -> byReference.put(c.path("reference").asText(), c));
            assertThat(byReference).containsOnlyKeys("15N-RX1", "15N-NZ1");
            JsonNode demoContract = byReference.get("15N-RX1");
            assertThat(demoContract.path("current").path("status").asText()).isEqualTo("AGREED");
            String contractUrl = stack.serviceUrl("contract-service") + "/v1/contracts/" + demoContract.path("id").asText();
            JsonNode version = getJson(contractUrl + "/versions/1", passwordToken(stack, "finance.rx1"), 200);
            assertThat(version.path("terms").path("fixed").path("annualAmount").decimalValue())
                    .isEqualByComparingTo(reconciliation.path("costedTotal").decimalValue());
            JsonNode tariff = getJson(stack.serviceUrl("costing-service") + "/v1/tariffs/"
                    + version.path("terms").path("activity").path("tariffId").asText(), passwordToken(stack, "finance.rx1"), 200);
            assertThat(tariff.path("status").asText()).isEqualTo("AGREED");
            assertThat(version.path("prices").size()).isEqualTo(tariff.path("prices").size());
            JsonNode statementList = getJson(contractUrl + "/statements", manager, 200);
            assertThat(statementList.path("items").size()).isEqualTo(13);
            java.math.BigDecimal yearPaid = java.math.BigDecimal.ZERO;
            long concurrent = 0;
            for (JsonNode statement : statementList.path("items")) {
                assertThat(statement.path("status").asText()).isEqualTo("ISSUED");
                yearPaid = yearPaid.add(statement.path("total").decimalValue());
                concurrent += getJson(statement.path("href").asText(), manager, 200).path("units").path("byRule").path("PV05").asLong();
            }
            // NZ1 shares one of the trust's people for 15N: their trust unit is queried for concurrent care.
            assertThat(concurrent).isPositive();
            assertThat(yearPaid).isEqualByComparingTo(reconciliation.path("costedTotal").decimalValue());
            JsonNode firstMonth = getJson(contractUrl + "/statements/1", manager, 200);
            assertThat(firstMonth.path("contentHash").asText()).hasSize(64);
            // Another commissioner, and the independent provider, do not see it.
            getJson(contractUrl, passwordToken(stack, "contracts.14l"), 404);
            getJson(contractUrl + "/statements/1", passwordToken(stack, "finance.nz1"), 404);

            // NZ1 invoices 15N on claims: the claim for the person it shares with the trust is queried
            // (PV05), and the one for a person whose care spell is 14L's is rejected (PV03).
            String nz1Url = stack.serviceUrl("contract-service") + "/v1/contracts/" + byReference.get("15N-NZ1").path("id").asText();
            String nz1Finance = passwordToken(stack, "finance.nz1");
            JsonNode nz1Statements = getJson(nz1Url + "/statements", nz1Finance, 200).path("items");
            int claimedMonth = nz1Statements.get(nz1Statements.size() - 1).path("month").asInt();
            JsonNode claimed = getJson(nz1Url + "/statements/" + claimedMonth, manager, 200);
            assertThat(claimed.path("status").asText()).isEqualTo("ISSUED");
            assertThat(claimed.path("units").path("byRule").path("PV03").asLong()).isEqualTo(1);
            assertThat(claimed.path("units").path("byRule").path("PV05").asLong()).isEqualTo(1);
            java.util.List<String> other = new java.util.ArrayList<>();
            getJson(nz1Url + "/statements/" + claimedMonth + "/units?status=REJECTED", nz1Finance, 200).path("items")
                    .forEach(u -> u.path("reasons").forEach(r -> other.add(u.path("person").asText() + " " + r.path("rule").asText())));
            assertThat(other).contains("NZ1-000002 PV03");
            java.util.List<String> shared = new java.util.ArrayList<>();
            getJson(nz1Url + "/statements/" + claimedMonth + "/units", manager, 200).path("items")
                    .forEach(u -> shared.add(u.path("evidence").path("otherProvider").asText()));
            assertThat(shared).contains("RX1");
            getJson(nz1Url, passwordToken(stack, "contracts.14l"), 404);

            // One pseudonym in every service, under the key the runner generated: the people costing
            // holds for 15N (as clustering's feed sent them) are exactly the people of 15N's population
            // in clustering, which only 15N's contract manager may list record by record.
            String contracts = passwordToken(stack, "contracts.15n");
            java.util.Set<String> population = new java.util.HashSet<>();
            String next = stack.serviceUrl("clustering-service") + "/v1/population/episodes?limit=1000";
            while (next != null) {
                JsonNode page = getJson(next, contracts, 200);
                page.path("items").forEach(e -> population.add(e.path("pseudonym").asText()));
                next = page.hasNonNull("next") ? page.path("next").asText() : null;
            }
            java.util.Set<String> costingPeople = new java.util.HashSet<>(strings(ports, "costing",
                    "select distinct pseudonym from cluster_episode where commissioner_code = '15N' and source = 'FEED'"));
            assertThat(population).isNotEmpty().allMatch(p -> p.matches("[PL]-[0-9a-f]{32}"));
            assertThat(costingPeople).isEqualTo(population);
            getJson(stack.serviceUrl("clustering-service") + "/v1/population/episodes", passwordToken(stack, "analyst.15n"), 403);

            String person = passwordToken(stack, "clinician.nz1");
            for (String service : RunningStack.SERVICES) {
                JsonNode me = getJson(stack.serviceUrl(service) + "/v1/me", person, 200);
                assertThat(me.path("service").asText()).isEqualTo(service);
                assertThat(me.path("username").asText()).isEqualTo("clinician.nz1");
                assertThat(me.path("orgCode").asText()).isEqualTo("NZ1");
                assertThat(me.path("orgType").asText()).isEqualTo("INDEPENDENT_PROVIDER");
                assertThat(me.path("roles").toString()).isEqualTo("[\"clinician\"]");
                assertThat(me.path("warnings").size()).isZero();

                String serviceToken = clientCredentialsToken(stack, service);
                JsonNode asService = getJson(stack.serviceUrl(service) + "/v1/me", serviceToken, 200);
                assertThat(asService.path("clientId").asText()).isEqualTo(service);
                assertThat(asService.path("roles").toString()).isEqualTo(READER_ROLES.get(service));

                getJson(stack.serviceUrl(service) + "/v1/me", null, 401);
                assertThat(get(stack.serviceUrl(service) + "/q/health/ready", null).statusCode()).isEqualTo(200);
            }

            // Every curl example in the READMEs works as written against the demo stack.
            // The READMEs name the demo's costing period as it was when written (FY2025-26, with an
            // in-year date in it); the stack's demo costs its own last complete financial year.
            String year = period.substring(2, 6);
            ReadmeExamples examples = new ReadmeExamples(ports, Map.of("FY2025-26", period, "2025-09-30",
                    year + "-09-30"));
            List<ReadmeExamples.Sent> sent = new java.util.ArrayList<>();
            for (String readme : List.of("README.md", "clustering-service/README.md", "costing-service/README.md",
                    "contract-service/README.md", "outcomes-service/README.md")) {
                Path file = RunningStack.repositoryRoot().resolve(readme);
                if (Files.exists(file)) {
                    sent.addAll(examples.send(file, readme));
                }
            }
            assertThat(sent).hasSizeGreaterThanOrEqualTo(14).allSatisfy(example -> assertThat(example.succeeded())
                    .as("%s: %s answered %s %s", example.file(), example.command(), example.status(), example.body())
                    .isTrue());
            assertThat(sent).filteredOn(example -> example.command().contains("| jq")).allSatisfy(example ->
                    assertThat(JSON.readTree(example.body()).isContainerNode()).as("%s: %s", example.file(),
                            example.command()).isTrue());

            assertSwaggerUiCanLogIn(stack);

            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.get("postgres")
                    + "/clustering", "openpbr", "openpbr"); Statement s = c.createStatement()) {
                s.executeUpdate("insert into audit_event (actor_subject, action, entity_type, entity_id) values "
                        + "('e2e', 'e2e.recorded', 'e2e', '" + marker + "')");
            }

            firstRunProcesses = stack.processes();
            assertThat(firstRunProcesses).hasSizeGreaterThanOrEqualTo(6).allMatch(ProcessHandle::isAlive);
            assertThat(stack.stop()).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(stack.output).anyMatch(line -> line.startsWith("Stopped."));
        }
        assertNothingLeft(firstRunProcesses, ports, data);

        try (RunningStack again = RunningStack.start(data, ports)) {
            assertThat(again.output).noneMatch(line -> line.contains("Unpacking Keycloak"))
                    .noneMatch(line -> line.contains("demo trust RX1 loaded"));
            assertThat(again.startedIn).as("second start (first took %s)", firstStart).isLessThan(firstStart);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.get("postgres")
                    + "/clustering", "openpbr", "openpbr"); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select count(*) from audit_event where entity_id = '" + marker + "'")) {
                r.next();
                assertThat(r.getInt(1)).as("data written in the first run").isEqualTo(1);
            }
            getJson(again.serviceUrl("costing-service") + "/v1/me", passwordToken(again, "finance.rx1"), 200);
            List<ProcessHandle> secondRunProcesses = again.processes();
            assertThat(again.stop()).isEqualTo(143);
            assertNothingLeft(secondRunProcesses, ports, data);
        }
    }

    @Test
    void a_port_in_use_is_one_clear_message_and_nothing_starts() throws Exception {
        Path data = Path.of("target/e2e-busy").toAbsolutePath();
        deleteRecursively(data);
        Map<String, Integer> ports = RunningStack.freePorts();
        try (ServerSocket squatter = new ServerSocket(ports.get("costing"))) {
            assertThat(squatter.isBound()).isTrue();
            Path root = RunningStack.repositoryRoot();
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    root.resolve("tools/local-runner/target/openpbr-local-runner.jar").toString(), "run",
                    "--home", root.toString(), "--data", data.toString()));
            ports.forEach((name, port) -> {
                command.add("--" + name + "-port");
                command.add(Integer.toString(port));
            });
            Process runner = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(runner.waitFor()).isEqualTo(2);
            assertThat(output).contains("port " + ports.get("costing") + " (costing-service)")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(data.resolve("postgres")).doesNotExist();
        }
    }

    private static long count(Map<String, Integer> ports, String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.get("postgres") + "/"
                + database, "openpbr", "openpbr"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static java.util.List<String> strings(Map<String, Integer> ports, String database, String sql) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.get("postgres") + "/"
                + database, "openpbr", "openpbr"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static void assertSwaggerUiCanLogIn(RunningStack stack) throws Exception {
        for (String service : RunningStack.SERVICES) {
            String origin = stack.serviceUrl(service);
            JsonNode openapi = getJson(origin + "/q/openapi?format=json", null, 200);
            JsonNode flow = openapi.at("/components/securitySchemes/oauth2/flows/authorizationCode");
            assertThat(flow.path("authorizationUrl").asText()).as("Swagger UI must log in through this Keycloak")
                    .isEqualTo(stack.realmUrl() + "/protocol/openid-connect/auth");
            assertThat(flow.path("tokenUrl").asText()).isEqualTo(stack.realmUrl() + "/protocol/openid-connect/token");
            HttpResponse<String> login = get(stack.realmUrl() + "/protocol/openid-connect/auth?client_id="
                    + "openpbr-swagger-ui&response_type=code&scope=openid&code_challenge_method=S256"
                    + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&redirect_uri="
                    + URLEncoder.encode(origin + "/q/swagger-ui/oauth2-redirect.html", StandardCharsets.UTF_8), null);
            assertThat(login.statusCode()).as("Keycloak accepts %s's Swagger UI redirect", service).isEqualTo(200);
            HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(stack.realmUrl()
                    + "/protocol/openid-connect/token")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin).header("Access-Control-Request-Method", "POST").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
        }
        HttpResponse<String> foreign = get(stack.realmUrl() + "/protocol/openid-connect/auth?client_id="
                + "openpbr-swagger-ui&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode("https://attacker.example/steal", StandardCharsets.UTF_8), null);
        assertThat(foreign.statusCode()).as("a foreign redirect is refused").isEqualTo(400);
    }

    private static void assertNothingLeft(List<ProcessHandle> processes, Map<String, Integer> ports, Path data)
            throws Exception {
        for (ProcessHandle process : processes) {
            process.onExit().completeOnTimeout(process, 30, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        assertThat(processes).as("processes of the stack").noneMatch(ProcessHandle::isAlive);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress("127.0.0.1", port.getValue()));
            } catch (IOException e) {
                throw new AssertionError("port " + port.getValue() + " (" + port.getKey() + ") is still in use", e);
            }
        }
        assertThat(data.resolve("postgres/postmaster.pid")).doesNotExist();
        assertThat(data.resolve("run/pids")).doesNotExist();
    }

    private static String passwordToken(RunningStack stack, String username) throws Exception {
        return token(stack, Map.of("grant_type", "password", "client_id", "openpbr-cli", "username", username,
                "password", "openpbr-demo"));
    }

    private static String clientCredentialsToken(RunningStack stack, String client) throws Exception {
        return token(stack, Map.of("grant_type", "client_credentials", "client_id", client, "client_secret",
                "local-" + client + "-secret"));
    }

    private static String token(RunningStack stack, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.realmUrl()
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("token for %s: %s", form.get("client_id"), response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String url, String token, int status) throws Exception {
        HttpResponse<String> response = get(url, token);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
