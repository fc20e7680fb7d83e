package io.anchang.gateway;

import io.anchang.testing.TestIssuer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The web application, served by the gateway without a token: its page with the libraries'
 * versions in their addresses, each screen's address, its modules and styles, the libraries
 * from their WebJars, its configuration — and nothing that reaches outside the deployment.
 */
class WebAppIntegrationTest extends GatewayTestContext {

    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)https?://[^\\s\"'`)<>]*");
    /** The page's own references: {@code src}, {@code href} and the chart library's address. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(?:src|href|content)=\"(/[^\"#]*)\"");
    /** Static imports of the modules: {@code from './api.js'}, {@code from '../store.js'}. */
    private static final Pattern IMPORT = Pattern.compile("\\bfrom\\s*['\"](\\.{1,2}/[^'\"]+)['\"]");
    private static final Pattern VERSIONED_LIBRARY = Pattern.compile("/assets/lib/([a-z0-9-]+)/(\\d+\\.\\d+\\.\\d+)/");

    @LocalServerPort
    int port;

    @Test
    @DisplayName("/ serves the application's page without a token: Chinese, every library named with its version")
    void rootServesThePage() {
        String html = page("/");
        assertThat(html).contains("<html lang=\"zh-CN\">", "<meta charset=\"utf-8\">", "案场管理系统", "data-test=\"app\"",
                "/assets/app/main.js");
        Set<String> libraries = new LinkedHashSet<>();
        Matcher matcher = VERSIONED_LIBRARY.matcher(html);
        while (matcher.find()) {
            libraries.add(matcher.group(1));
        }
        assertThat(libraries).containsExactlyInAnyOrder("vue", "dayjs", "ant-design-vue", "vue-router", "vue-i18n", "keycloak-js",
                "echarts");
        assertThat(html).as("no library without its version").doesNotContainPattern("/assets/lib/[a-z-]+/dist/");
    }

    @Test
    @DisplayName("every screen's address loads the page, so a screen can be reloaded and bookmarked; the API and the files are not screens")
    void screensLoadThePage() {
        for (String screen : List.of("/desk", "/mine", "/board", "/finance", "/manager", "/hq", "/customers/c-1", "/no-such-screen")) {
            assertThat(page(screen)).as(screen).contains("/assets/app/main.js");
        }
        // an API address stays the API's: no token, 401 — never the page
        web.get().uri("/api/reception/sites").accept(MediaType.TEXT_HTML).exchange().expectStatus().isUnauthorized();
        // a script or data asked for by a program is not a page load
        web.get().uri("/desk").accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isUnauthorized();
        web.get().uri("/assets/app/no-such-module.js").accept(MediaType.TEXT_HTML).exchange().expectStatus().isNotFound();
    }

    @Test
    @DisplayName("the page may load and run only what the deployment serves, and talk only to the gateway and the issuer")
    void contentSecurityPolicy() {
        EntityExchangeResult<byte[]> page = web.get().uri("/desk").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody().returnResult();
        String policy = page.getResponseHeaders().getFirst("Content-Security-Policy");
        String issuer = TestIssuer.shared().issuer();
        String issuerOrigin = issuer.substring(0, issuer.indexOf('/', "http://".length()));
        assertThat(policy).contains("default-src 'self'", "script-src 'self' 'unsafe-eval'", "connect-src 'self' " + issuerOrigin,
                "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'").doesNotContain("*");
        assertThat(page.getResponseHeaders().getCacheControl()).contains("no-cache");
        assertThat(page.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    @DisplayName("a library is kept a year under its versioned address; the application's own files are checked on every load")
    void cacheHeaders() {
        String html = page("/");
        Matcher vue = Pattern.compile("src=\"(/assets/lib/vue/[^\"]+)\"").matcher(html);
        assertThat(vue.find()).isTrue();
        EntityExchangeResult<byte[]> library = web.get().uri(vue.group(1)).exchange().expectStatus().isOk().expectBody().returnResult();
        assertThat(library.getResponseHeaders().getCacheControl()).contains("max-age=31536000", "immutable");
        assertThat(String.valueOf(library.getResponseHeaders().getContentType())).contains("javascript");

        EntityExchangeResult<byte[]> module = web.get().uri("/assets/app/main.js").exchange().expectStatus().isOk()
                .expectBody().returnResult();
        assertThat(module.getResponseHeaders().getCacheControl()).contains("no-cache");
        assertThat(String.valueOf(module.getResponseHeaders().getContentType())).contains("javascript");
        long modified = module.getResponseHeaders().getLastModified();
        assertThat(modified).isPositive();
        web.get().uri("/assets/app/main.js").header(HttpHeaders.IF_MODIFIED_SINCE,
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.Instant.ofEpochMilli(modified)
                                .atZone(java.time.ZoneOffset.UTC)))
                .exchange().expectStatus().isNotModified();
    }

    @Test
    @DisplayName("/assets/config.json tells the application the issuer the gateway checks tokens against and the public client, without a token")
    void configNamesIssuerAndClient() {
        web.get().uri("/assets/config.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().value("Cache-Control", cache -> assertThat(cache).contains("no-cache"))
                .expectBody()
                .jsonPath("$.issuer").isEqualTo(TestIssuer.shared().issuer())
                .jsonPath("$.clientId").isEqualTo("anchang-web")
                .jsonPath("$.length()").isEqualTo(2);
    }

    @Test
    @DisplayName("every file, module, library and stylesheet the application names is served by the gateway itself")
    void everythingTheApplicationNamesIsServedHere() throws IOException {
        String html = page("/");
        Set<String> referenced = new LinkedHashSet<>(matches(REFERENCE, html));
        for (Resource script : resources("classpath:/static/assets/app/**/*.js")) {
            String folder = script.getURL().toString().replaceFirst(".*/static", "").replaceFirst("[^/]+$", "");
            for (String module : matches(IMPORT, script.getContentAsString(StandardCharsets.UTF_8))) {
                referenced.add(java.net.URI.create("http://x" + folder).resolve(module).getPath());
            }
        }
        assertThat(referenced).contains("/assets/app/main.js", "/assets/app.css", "/favicon.ico", "/assets/app/session.js",
                "/assets/app/views/DeskView.js", "/assets/app/views/manager/RotationEditor.js");
        assertThat(referenced.stream().filter(path -> path.startsWith("/assets/lib/"))).hasSizeGreaterThanOrEqualTo(14);
        for (String path : referenced) {
            assertThat(path).as("a reference of the application").startsWith("/").doesNotStartWith("//");
            web.get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Test
    @DisplayName("nothing of the application is fetched from outside the deployment: no http(s):// address in its own files")
    void noAddressOutsideTheDeployment() throws IOException {
        List<Resource> files = new ArrayList<>();
        for (String pattern : new String[] {"classpath:/static/**/*.html", "classpath:/static/**/*.js", "classpath:/static/**/*.css",
                "classpath:/static/**/*.json", "classpath:/static/**/*.svg"}) {
            files.addAll(resources(pattern));
        }
        assertThat(files).extracting(Resource::getFilename).contains("index.html", "main.js", "session.js", "app.css");
        for (Resource file : files) {
            String content = file.getContentAsString(StandardCharsets.UTF_8);
            assertThat(matches(ABSOLUTE_URL, content)).as(file.getFilename()).isEmpty();
            assertThat(content).as(file.getFilename()).doesNotContainIgnoringCase("@import")
                    .doesNotContain("url(//").doesNotContain("src=\"//").doesNotContain("href=\"//");
        }
    }

    @Test
    @DisplayName("a browser's keep-alive connection is answered request after request (Reactor Netty 1.3.6 stopped reading one after a few)")
    void aKeepAliveConnectionKeepsBeingRead() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 40; i++) {
                String path = i % 2 == 0 ? "/assets/config.json" : "/assets/app/main.js";
                out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: */*\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                try {
                    assertThat(readResponse(in)).as("request %d, %s", i + 1, path).startsWith("HTTP/1.1 200");
                } catch (SocketTimeoutException e) {
                    fail("request " + (i + 1) + " (" + path + ") on the same connection was never answered");
                }
            }
        }
    }

    /** Reads one response with a Content-Length body; answers its status line. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the gateway closed the connection");
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headers);
        assertThat(length.find()).as(headers).isTrue();
        in.readNBytes(Integer.parseInt(length.group(1)));
        return headers;
    }

    private String page(String path) {
        EntityExchangeResult<byte[]> result = web.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody().returnResult();
        return result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
    }

    private static List<Resource> resources(String pattern) throws IOException {
        return List.of(new PathMatchingResourcePatternResolver().getResources(pattern));
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
        }
        return found;
    }
}
