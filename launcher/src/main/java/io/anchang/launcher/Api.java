package io.anchang.launcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/** A small JSON client of the office's API through the gateway, as a user with a token. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Answer(int status, JsonNode body) {
    }

    Answer get(String token, String path) {
        return send(token, "GET", path, null, Set.of(200, 404));
    }

    /** Uploads a file's bytes as {@code contentType}; an answer outside {@code accepted} is an error. */
    Answer upload(String token, String path, String contentType, byte[] content, Set<Integer> accepted) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (!accepted.contains(response.statusCode())) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return new Answer(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends; an answer outside {@code accepted} is an error that says what the API said. */
    Answer send(String token, String method, String path, Object body, Set<Integer> accepted) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (!accepted.contains(response.statusCode())) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return new Answer(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
