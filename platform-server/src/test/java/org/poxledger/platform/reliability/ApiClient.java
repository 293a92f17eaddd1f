package org.poxledger.platform.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API as a script would call it: JSON bodies, a bearer token, the status and body of each answer. */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @param status the HTTP status @param body the parsed body, a missing node when there was none */
    record Answer(int status, JsonNode body) {

        String text(String field) {
            return body.path(field).asString();
        }
    }

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String base) {
        this.base = base;
    }

    String token(String username, String password) throws IOException, InterruptedException {
        Answer answer = call("POST", "/api/v1/auth/token", Map.of("username", username, "password", password), null);
        expect(answer, 200, "log-in of " + username);
        return answer.text("accessToken");
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return call("GET", path, null, token);
    }

    Answer post(String path, Object body, String token) throws IOException, InterruptedException {
        return call("POST", path, body, token);
    }

    Answer post(String path, Object body, String token, String idempotencyKey)
            throws IOException, InterruptedException {
        return send(request("POST", path, body, token).header("Idempotency-Key", idempotencyKey));
    }

    /** @return the answer's body, after checking its status */
    static JsonNode expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + ": expected " + status + ", got " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }

    private Answer call(String method, String path, Object body, String token)
            throws IOException, InterruptedException {
        return send(request(method, path, body, token));
    }

    private HttpRequest.Builder request(String method, String path, Object body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Answer(
                response.statusCode(), text == null || text.isBlank() ? JSON.missingNode() : JSON.readTree(text));
    }
}
