package org.openpbr.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The curl examples of the READMEs, sent to a running stack as written (with the replacements it
 * is given, such as a dated period the stack does not have), so that a documented example that
 * stops working fails the build. Each {@code bash} block is read as commands (lines
 * continued with a backslash joined); every {@code curl} to {@code localhost} is sent, with the
 * documented ports moved to the stack's, and must answer 2xx. {@code NAME=$(curl ... | jq -r PATH)}
 * keeps the field at PATH ({@code .a.b[0].c}) as {@code $NAME} for the commands after it, within
 * the file; any other {@code | jq ...} only displays, so the answer need only be JSON. Nothing
 * needs jq or a shell on the machine running the tests.
 */
final class ReadmeExamples {

    /** What the documents name, and where the stack under test listens instead. */
    private static final Map<Integer, String> DOCUMENTED_PORTS = Map.of(8081, "clustering", 8082, "costing", 8083,
            "contract", 8084, "outcomes", 8180, "keycloak");
    private static final Pattern BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ASSIGNED = Pattern.compile("^([A-Z_]+)=\\$\\((.*)\\)$", Pattern.DOTALL);
    private static final Pattern LOCALHOST = Pattern.compile("http://localhost:(\\d+)");

    /** One example as it was sent: where it came from, the command, and the status it got. */
    record Sent(String file, String command, int status, String body) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Integer> ports;
    private final Map<String, String> replacements;

    /**
     * @param ports        the stack's ports by name (clustering, costing, contract, outcomes, keycloak)
     * @param replacements text of the documents to send differently, such as a dated period the
     *                     stack under test does not have
     */
    ReadmeExamples(Map<String, Integer> ports, Map<String, String> replacements) {
        this.ports = ports;
        this.replacements = replacements;
    }

    /** Sends every example of the file, in order; one that cannot be sent is reported with status 0. */
    List<Sent> send(Path readme, String name) throws IOException, InterruptedException {
        Map<String, String> variables = new HashMap<>();
        List<Sent> sent = new ArrayList<>();
        Matcher block = BLOCK.matcher(Files.readString(readme));
        while (block.find()) {
            for (String written : commands(block.group(1))) {
                String command = written;
                for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                    command = command.replace(replacement.getKey(), replacement.getValue());
                }
                String assigned = null;
                String curl = command;
                Matcher assignment = ASSIGNED.matcher(command);
                if (assignment.matches()) {
                    assigned = assignment.group(1);
                    curl = assignment.group(2);
                }
                String[] piped = curl.split("\\s\\|\\s", 2);
                if (!piped[0].startsWith("curl ") || !piped[0].contains("http://localhost:")) {
                    continue;
                }
                Sent result = sendOne(name, command, words(piped[0], variables));
                sent.add(result);
                if (assigned != null && result.succeeded() && piped.length == 2) {
                    variables.put(assigned, field(result.body(), piped[1]));
                }
            }
        }
        return sent;
    }

    /** The block's commands: comments dropped, continued lines joined. */
    static List<String> commands(String block) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.split("\\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            commands.add(current.toString().strip());
            current.setLength(0);
        }
        return commands;
    }

    /** Shell words: single quotes literal, double quotes and bare words with $NAME expanded. */
    static List<String> words(String command, Map<String, String> variables) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                word.append(command, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int end = command.indexOf('"', i + 1);
                word.append(expand(command.substring(i + 1, end), variables));
                i = end;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                int end = i;
                while (end < command.length() && !Character.isWhitespace(command.charAt(end))
                        && command.charAt(end) != '\'' && command.charAt(end) != '"') {
                    end++;
                }
                word.append(expand(command.substring(i, end), variables));
                i = end - 1;
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static String expand(String text, Map<String, String> variables) {
        Matcher name = Pattern.compile("\\$([A-Z_]+)").matcher(text);
        StringBuilder out = new StringBuilder();
        while (name.find()) {
            String value = variables.get(name.group(1));
            if (value == null) {
                throw new IllegalArgumentException("$" + name.group(1) + " is used before an example sets it");
            }
            name.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        name.appendTail(out);
        return out.toString();
    }

    private Sent sendOne(String file, String command, List<String> words) throws IOException, InterruptedException {
        String url = null;
        String method = null;
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> data = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s", "-sS", "-f", "-i" -> {
                }
                case "-o" -> i++;
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    headers.put(header[0], header[1]);
                }
                case "-d", "--data" -> data.add(words.get(++i));
                default -> {
                    if (word.startsWith("-")) {
                        return new Sent(file, command, 0, "curl option " + word + " is not understood by the check");
                    }
                    url = word;
                }
            }
        }
        if (url == null) {
            return new Sent(file, command, 0, "no address");
        }
        Matcher local = LOCALHOST.matcher(url);
        if (!local.find() || !DOCUMENTED_PORTS.containsKey(Integer.parseInt(local.group(1)))) {
            return new Sent(file, command, 0, "an address on no documented port");
        }
        url = local.replaceFirst("http://localhost:" + ports.get(DOCUMENTED_PORTS.get(Integer.parseInt(local.group(1)))));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        if (data.isEmpty()) {
            request.method(method == null ? "GET" : method, HttpRequest.BodyPublishers.noBody());
        } else {
            boolean form = !headers.containsKey("Content-Type");
            String body = form ? String.join("&", data.stream().map(ReadmeExamples::formField).toList())
                    : String.join("&", data);
            if (form) {
                request.header("Content-Type", "application/x-www-form-urlencoded");
            }
            request.method(method == null ? "POST" : method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Sent(file, command, response.statusCode(), response.body());
    }

    /** curl's -d name=value, with the value encoded as a form sends it. */
    private static String formField(String field) {
        int equals = field.indexOf('=');
        return equals < 0 ? field : field.substring(0, equals + 1)
                + URLEncoder.encode(field.substring(equals + 1), StandardCharsets.UTF_8);
    }

    /** The value at a jq path such as {@code jq -r .access_token} or {@code jq -r '.items[0].id'}. */
    static String field(String body, String jq) throws IOException {
        Matcher path = Pattern.compile("jq -r '?(\\.[A-Za-z0-9_.\\[\\]]+)'?\\s*$").matcher(jq.strip());
        if (!path.matches()) {
            throw new IllegalArgumentException("only jq -r .path is read into a variable, not: " + jq);
        }
        JsonNode node = JSON.readTree(body);
        for (String step : path.group(1).substring(1).split("\\.")) {
            Matcher indexed = Pattern.compile("([A-Za-z0-9_]+)(?:\\[(\\d+)\\])?").matcher(step);
            if (!indexed.matches()) {
                throw new IllegalArgumentException("not a jq path step: " + step);
            }
            node = node.path(indexed.group(1));
            if (indexed.group(2) != null) {
                node = node.path(Integer.parseInt(indexed.group(2)));
            }
        }
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("the answer has nothing at " + path.group(1) + ": " + body);
        }
        return node.asText();
    }
}
