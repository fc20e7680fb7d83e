package io.anchang.gateway.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.webjars.WebJarVersionLocator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the web application's files come from, and its page with the libraries' versions in
 * their addresses.
 *
 * <p>The application's own files are {@code static/} in the gateway's jar; with
 * {@code anchang.web.dir} (env {@code ANCHANG_WEB_DIR}) set to the source folder
 * ({@code gateway/src/main/resources/static}) they are read from there on every request, so
 * that a change shows on the next reload without a build. The libraries are WebJars on the
 * class path: the page names them without a version ({@code /assets/lib/vue/dist/…}) and is
 * served with the version put in ({@code /assets/lib/vue/3.5.22/dist/…}), so a library's
 * address changes with its version and the browser may keep it for good.
 */
@Component
public class WebAppFiles {

    /** The libraries the page loads: WebJars of these names must be on the class path. */
    static final List<String> LIBRARIES = List.of("vue", "vue-router", "vue-i18n", "dayjs", "ant-design-vue", "echarts", "keycloak-js");

    private static final Pattern LIBRARY_PATH = Pattern.compile("/assets/lib/([a-z0-9.-]+)/");

    private final Path folder;
    private final Map<String, String> versions;
    private volatile String page;

    public WebAppFiles(@Value("${anchang.web.dir:}") String folder) {
        this.folder = StringUtils.hasText(folder) ? Path.of(folder).toAbsolutePath().normalize() : null;
        WebJarVersionLocator locator = new WebJarVersionLocator();
        Map<String, String> found = new LinkedHashMap<>();
        for (String library : LIBRARIES) {
            String version = locator.version(library);
            if (version == null) {
                throw new IllegalStateException("the web application's library " + library + " is not on the class path (a WebJar)");
            }
            found.put(library, version);
        }
        this.versions = Map.copyOf(found);
    }

    /** The library versions on the class path, by WebJar name. */
    public Map<String, String> versions() {
        return versions;
    }

    /**
     * A folder of the application's own files: in the source folder in development, else in
     * the jar's {@code static/}.
     *
     * @param relative a folder under the root, ending in {@code /}, or empty for the root
     */
    public String location(String relative) {
        return folder == null ? "classpath:/static/" + relative : folder.resolve(relative).toUri().toString();
    }

    public boolean fromFolder() {
        return folder != null;
    }

    /** {@code index.html} with each library's version in its address. */
    public String page() {
        String cached = page;
        if (cached != null) {
            return cached;
        }
        String html = withVersions(read());
        if (folder == null) {
            page = html;
        }
        return html;
    }

    String withVersions(String html) {
        Matcher matcher = LIBRARY_PATH.matcher(html);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String library = matcher.group(1);
            String version = versions.get(library);
            if (version == null) {
                throw new IllegalStateException("index.html names the library " + library + ", which is not one of " + LIBRARIES);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement("/assets/lib/" + library + "/" + version + "/"));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String read() {
        try {
            if (folder != null) {
                return Files.readString(folder.resolve("index.html"), StandardCharsets.UTF_8);
            }
            return new ClassPathResource("static/index.html").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the web application's index.html cannot be read", e);
        }
    }
}
