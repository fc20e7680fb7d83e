package io.anchang.gateway.edge;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.RequestPath;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceOnlyPathsTest {

    private static boolean serviceOnly(String path) {
        return ServiceOnlyPaths.isServiceOnly(RequestPath.parse(URI.create("http://gateway" + path).getRawPath(), null)
                .pathWithinApplication());
    }

    @Test
    @DisplayName("R-SEC-1 every spelling of a service-only path a service could resolve to /api/<service>/internal/… is recognised")
    void everySpellingOfAServiceOnlyPath() {
        for (String path : List.of("/api/customers/internal/sites/SH01/attributions", "/api/customers/internal", "/api/reception/internal/x",
                "/api/customers/INTERNAL/x", "/api/customers/Internal/x", "/api/customers/%69nternal/x", "/api/customers/%49NTERNAL/x",
                "/api/customers/internal;jsessionid=1/x", "/api/customers//internal/x", "/api/customers/./internal/x",
                "/api/customers/sites/SH01/../../internal/x", "//api/customers/internal/x", "/api/./customers/internal",
                "/api/customers/internal/../sites/SH01/customers", "/x/../api/customers/internal")) {
            assertThat(serviceOnly(path)).as(path).isTrue();
        }
    }

    @Test
    @DisplayName("R-SEC-1 ordinary paths — also those with 'internal' inside a longer segment, or outside /api — are not refused")
    void ordinaryPathsAreNot() {
        for (String path : List.of("/api/customers/sites/SH01/customers/search", "/api/reception/sites/SH01/internals",
                "/api/customers/sites/SH01/internal-notes", "/internal/index.html", "/assets/internal.js", "/")) {
            assertThat(serviceOnly(path)).as(path).isFalse();
        }
    }
}
