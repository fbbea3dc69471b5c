package com.rtcusage.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A command-line tool a test needs (kubectl, promtool), found on the PATH. A missing tool fails
 * the test, naming the Debian package that .ci/run installs: a check that is skipped checks nothing.
 */
public record Tool(String name, String debianPackage) {

    public static final Tool KUBECTL = new Tool("kubectl", "kubernetes-client");
    public static final Tool PROMTOOL = new Tool("promtool", "prometheus");

    /** What one run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** Both streams, for a failure message. */
        public String output() {
            return stdout + stderr;
        }
    }

    /** Runs the tool with {@code arguments} in the current directory. */
    public Result run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(arguments));
        try {
            Path stderr = Files.createTempFile(name, ".stderr");
            try {
                Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
                }
                return new Result(process.exitValue(), stdout, Files.readString(stderr));
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the tool and returns its stdout; fails with what it printed when it exits non-zero. */
    public String runOk(String... arguments) {
        Result result = run(arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError(name + " " + String.join(" ", arguments) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.stdout();
    }

    private Path executable() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not on the PATH; install it (Debian: apt-get install "
                        + debianPackage + ", as .ci/run does)"));
    }
}
