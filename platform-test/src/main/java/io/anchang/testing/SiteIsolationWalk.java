package io.anchang.testing;

import com.jayway.jsonpath.JsonPath;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * R-SEC-1, walked: calls every operation of a service's OpenAPI document as a user of
 * another site, aimed at the victim site, and says what each answered. A service is
 * isolated when every call naming the site is refused (403) or finds nothing (404), and
 * a call naming no site shows nothing of the victim site.
 */
public final class SiteIsolationWalk {

    /** Where a service serves its OpenAPI document: on its management port. */
    public static final String API_DOCS = "/actuator/openapi";

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final String SOME_ID = "00000000-0000-4000-8000-000000000000";

    private SiteIsolationWalk() {
    }

    public record Call(String method, String path, boolean namesSite, int status, String body) {

        /** Refused or not found; or, for a read naming no site, nothing of the victim site in it. */
        public boolean isolated(String victimSite) {
            if (status == 403 || status == 404) {
                return true;
            }
            if (status == 401) {
                return false;
            }
            return !namesSite && "GET".equals(method) && status < 300 && !body.contains("\"" + victimSite + "\"");
        }
    }

    /**
     * Reads the document from {@code docs} (the service's management port) and calls through
     * {@code web} (the service, or the gateway).
     */
    public static List<Call> walk(WebTestClient docs, WebTestClient web, String foreignToken, String victimSite) {
        String apiDocs = new String(docs.get().uri(API_DOCS).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
        Map<String, Map<String, Object>> paths = JsonPath.read(apiDocs, "$.paths");
        List<Call> calls = new ArrayList<>();
        paths.forEach((template, operations) -> operations.keySet().forEach(method -> {
            if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            boolean namesSite = template.contains("{site}");
            String path = fill(template, victimSite);
            WebTestClient.RequestBodySpec request = web.method(HttpMethod.valueOf(method.toUpperCase()))
                    .uri(path).headers(h -> h.setBearerAuth(foreignToken));
            WebTestClient.RequestHeadersSpec<?> spec = List.of("post", "put", "patch").contains(method)
                    ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}") : request;
            EntityExchangeResult<byte[]> result = spec.exchange().expectBody().returnResult();
            byte[] body = result.getResponseBodyContent();
            calls.add(new Call(method.toUpperCase(), path, namesSite, result.getStatus().value(),
                    body == null ? "" : new String(body, StandardCharsets.UTF_8)));
        }));
        return calls;
    }

    private static String fill(String template, String victimSite) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase();
            String value = name.equals("site") ? victimSite
                    : name.contains("day") || name.contains("date") ? "2030-01-01"
                    : SOME_ID;
            matcher.appendReplacement(path, value);
        }
        matcher.appendTail(path);
        return path.toString();
    }
}
