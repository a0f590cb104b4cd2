package org.openpbr.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The demo loaders' calls to the services' public APIs: one request as a demo user, refused unless it succeeds. */
final class DemoHttp {

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Sends one request and returns its answer; anything but 2xx is an IOException naming the
     * service, the request and the start of the answer.
     *
     * @param ifMatch     or null
     * @param body        or null for none
     * @param contentType the body's type
     */
    HttpResponse<String> send(String service, URI uri, String method, String bearer, String ifMatch, String body,
            String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String answer = response.body();
            throw new IOException(service + " answered " + response.statusCode() + " to " + method + " " + uri.getPath()
                    + ": " + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer));
        }
        return response;
    }
}
