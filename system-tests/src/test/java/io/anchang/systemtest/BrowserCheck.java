package io.anchang.systemtest;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives Debian's Chromium with Playwright (system-tests/browser/sign-in.mjs): sign in
 * through Keycloak's page, come back to the shell, see the user and today's rotation.
 * Where Node, the browser or its packages are missing it is skipped — unless
 * {@code ANCHANG_BROWSER_REQUIRED} is set, as CI sets it.
 */
final class BrowserCheck {

    private BrowserCheck() {
    }

    static void signInAndSeeRotation(Path root, String gatewayUrl, String user, String password, String expectUp, Path screenshot)
            throws IOException, InterruptedException {
        Path browser = root.resolve("system-tests/browser");
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        boolean ready = Files.exists(browser.resolve("node_modules/playwright-core")) && Files.isExecutable(Path.of(chromium))
                && onPath("node");
        boolean required = System.getenv("ANCHANG_BROWSER_REQUIRED") != null;
        if (!ready) {
            assertThat(required).as("the browser test is required here, but Node, Chromium or playwright-core is missing"
                    + " (run .ci/run, or: apt-get install chromium fonts-noto-cjk; cd system-tests/browser && npm ci)").isFalse();
            Assumptions.abort("Node, Chromium or playwright-core missing: browser test skipped");
        }
        ProcessBuilder builder = new ProcessBuilder("node", "sign-in.mjs").directory(browser.toFile()).redirectErrorStream(true);
        builder.environment().put("ANCHANG_URL", gatewayUrl);
        builder.environment().put("ANCHANG_USER", user);
        builder.environment().put("ANCHANG_PASSWORD", password);
        builder.environment().put("ANCHANG_EXPECT_UP", expectUp);
        builder.environment().put("ANCHANG_SCREENSHOT", screenshot.toString());
        builder.environment().put("CHROMIUM", chromium);
        Process process = builder.start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        System.out.println(output);
        assertThat(finished).as("the browser test finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static boolean onPath(String program) {
        try {
            return new ProcessBuilder(program, "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
