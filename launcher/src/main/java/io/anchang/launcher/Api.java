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

    /**
     * Sends; an answer outside {@code accepted} is an error that says what the API said. An office just started on a busy
     * machine may shed load: a 503 or 429 (nothing happened) is sent again after a pause, and so is a 504 or a broken
     * connection when a repeat is harmless — a GET or PUT, or a POST whose "already there" (409) is accepted.
     */
    Answer send(String token, String method, String path, Object body, Set<Integer> accepted) {
        boolean repeatable = "GET".equals(method) || "PUT".equals(method) || accepted.contains(409);
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= ATTEMPTS;
            try {
                HttpResponse<String> response = http.send(request(token, method, path, body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                boolean again = status == 503 || status == 429 || status == 504 && repeatable;
                if (again && !last && !accepted.contains(status)) {
                    pause(attempt, response.headers().firstValue("Retry-After").orElse(null));
                    continue;
                }
                if (!accepted.contains(status)) {
                    throw new IllegalStateException(method + " " + path + " answered " + status + ": " + response.body());
                }
                return new Answer(status, response.body().isBlank() ? null : JSON.readTree(response.body()));
            } catch (IOException e) {
                if (repeatable && !last) {
                    pause(attempt, null);
                    continue;
                }
                throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static final int ATTEMPTS = 5;

    private HttpRequest request(String token, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return request.build();
    }

    /** 2, 4, 8, 15 s, or what the answer's {@code Retry-After} says (at most 15 s). */
    private static void pause(int attempt, String retryAfter) {
        long seconds = Math.min(15, 1L << attempt);
        if (retryAfter != null && retryAfter.matches("\\d{1,3}")) {
            seconds = Math.min(15, Math.max(1, Long.parseLong(retryAfter)));
        }
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
