package io.anchang.systemtest;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a scenario of the browser tests ({@code system-tests/browser/webapp.mjs}: Playwright
 * driving Debian's Chromium) against the office and answers the one line of JSON it prints.
 * Where Node, the browser or its packages are missing the calling test is skipped — unless
 * {@code ANCHANG_BROWSER_REQUIRED} is set, as CI sets it.
 */
final class BrowserCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(8);

    private BrowserCheck() {
    }

    private static String chromium() {
        return System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    }

    /** Skips the calling test (or fails it where the browser test is required) when the browser cannot run here. */
    static void assumeReady(Path root) {
        boolean ready = Files.exists(root.resolve("system-tests/browser/node_modules/playwright-core"))
                && Files.isExecutable(Path.of(chromium())) && onPath("node");
        if (!ready) {
            assertThat(System.getenv("ANCHANG_BROWSER_REQUIRED")).as("the browser test is required here, but Node, Chromium or"
                    + " playwright-core is missing (run .ci/run, or: apt-get install chromium fonts-noto-cjk;"
                    + " cd system-tests/browser && npm ci)").isNull();
            Assumptions.abort("Node, Chromium or playwright-core missing: browser test skipped");
        }
    }

    /**
     * Runs {@code node webapp.mjs <scenario>} and answers its JSON; fails with that JSON (which
     * says the step and why) when the scenario did not pass.
     */
    static JsonNode run(Path root, String scenario, String gatewayUrl, String password, Map<String, String> environment)
            throws IOException, InterruptedException {
        return run(root, List.of("webapp.mjs", scenario), gatewayUrl, password, environment);
    }

    /** Runs {@code node <script and arguments>} of {@code system-tests/browser} (a scenario in a file of its own) as {@link #run}. */
    static JsonNode run(Path root, List<String> script, String gatewayUrl, String password, Map<String, String> environment)
            throws IOException, InterruptedException {
        String scenario = String.join(" ", script);
        Path browser = root.resolve("system-tests/browser");
        List<String> command = new java.util.ArrayList<>(List.of("node"));
        command.addAll(script);
        ProcessBuilder builder = new ProcessBuilder(command).directory(browser.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("ANCHANG_URL", gatewayUrl);
        builder.environment().put("ANCHANG_PASSWORD", password);
        builder.environment().put("CHROMIUM", chromium());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(SCENARIO_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.println(output);
        assertThat(finished).as("the browser scenario " + scenario + " finished within " + SCENARIO_TIMEOUT).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String last = output.lines().reduce((first, second) -> second).orElse("{}");
        JsonNode result = JSON.readTree(last);
        assertThat(result.path("ok").asBoolean()).as(last).isTrue();
        return result;
    }

    private static boolean onPath(String program) {
        try {
            return new ProcessBuilder(program, "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
