package io.anchang.gateway;

import io.anchang.testing.TestIssuer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application's shell, served by the gateway without a token: its page, its
 * scripts and styles, and its configuration — and nothing in it that reaches outside the
 * deployment (no CDN, no web fonts; the issuer comes from {@code /assets/config.json}).
 */
class WebShellIntegrationTest extends GatewayTestContext {

    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)https?://[^\\s\"'`)<>]*");
    /** The page's own references: {@code src} and {@code href} attributes. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(?:src|href)=\"([^\"#][^\"]*)\"");
    /** Static and dynamic imports of the modules: {@code from './auth.js'}, {@code import('./x.js')}. */
    private static final Pattern IMPORT = Pattern.compile("(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*)['\"]([^'\"]+)['\"]");

    @Test
    @DisplayName("/ serves the shell without a token: HTML in Chinese, titled 案场")
    void rootServesTheShell() {
        for (String path : new String[] {"/", "/index.html"}) {
            String html = text(web.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody().returnResult().getResponseBody());
            assertThat(html).as(path)
                    .contains("<html lang=\"zh-CN\">")
                    .contains("案场")
                    .contains("<meta charset=\"utf-8\">")
                    .contains("data-test=\"sign-in\"", "data-test=\"user-name\"", "data-test=\"site-select\"",
                            "data-test=\"rotation-up\"", "data-test=\"rotation-order\"", "data-test=\"rotation-editor\"",
                            "data-test=\"save-rotation\"", "data-test=\"sign-out\"");
        }
    }

    @Test
    @DisplayName("the shell's scripts, styles and icon are served without a token, with their media types")
    void assetsAreServed() {
        expectServed("/assets/app.js", "javascript");
        expectServed("/assets/auth.js", "javascript");
        expectServed("/assets/app.css", "text/css");
        web.get().uri("/favicon.ico").exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("/assets/config.json tells the shell the issuer the gateway checks tokens against and the public client, without a token")
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
    @DisplayName("every file, module and stylesheet the page names is served by the gateway itself")
    void everythingThePageNamesIsServedHere() throws IOException {
        String html = text(web.get().uri("/").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        Set<String> referenced = new LinkedHashSet<>(matches(REFERENCE, html));
        for (Resource script : resources("classpath:/static/**/*.js")) {
            String code = script.getContentAsString(StandardCharsets.UTF_8);
            for (String module : matches(IMPORT, code)) {
                referenced.add(module.startsWith("./") ? "/assets/" + module.substring(2) : module);
            }
        }
        assertThat(referenced).contains("/assets/app.js", "/assets/app.css", "/assets/auth.js", "/favicon.ico");
        for (String path : referenced) {
            assertThat(path).as("a reference of the shell").startsWith("/").doesNotStartWith("//");
            web.get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Test
    @DisplayName("nothing of the shell is fetched from outside the deployment: no http(s):// URL in its files")
    void noUrlOutsideTheDeployment() throws IOException {
        List<Resource> files = new ArrayList<>();
        for (String pattern : new String[] {"classpath:/static/**/*.html", "classpath:/static/**/*.js",
                "classpath:/static/**/*.mjs", "classpath:/static/**/*.css", "classpath:/static/**/*.json",
                "classpath:/static/**/*.svg", "classpath:/static/**/*.webmanifest"}) {
            files.addAll(resources(pattern));
        }
        assertThat(files).extracting(Resource::getFilename)
                .contains("index.html", "app.js", "auth.js", "app.css");
        for (Resource file : files) {
            String content = file.getContentAsString(StandardCharsets.UTF_8);
            assertThat(matches(ABSOLUTE_URL, content)).as(file.getFilename()).isEmpty();
            assertThat(content).as(file.getFilename()).doesNotContainIgnoringCase("@import")
                    .doesNotContain("url(//").doesNotContain("src=\"//").doesNotContain("href=\"//");
        }
    }

    private void expectServed(String path, String mediaType) {
        var result = web.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();
        assertThat(String.valueOf(result.getResponseHeaders().getContentType())).as(path).contains(mediaType);
        assertThat(result.getResponseBody()).as(path).isNotEmpty();
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

    private static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
