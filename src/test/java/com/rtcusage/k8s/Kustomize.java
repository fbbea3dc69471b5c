package com.rtcusage.k8s;

import com.rtcusage.support.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The manifests of a kustomization as {@code kubectl kustomize} renders them, i.e. as
 * {@code kubectl apply -k} sends them. Each folder is rendered once per test JVM.
 */
final class Kustomize {

    /** Components, {@code labels:} and {@code podFailurePolicy} need kustomize v5 (kubectl 1.27 or later). */
    private static final int KUSTOMIZE_MAJOR = 5;
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("\"kustomizeVersion\"\\s*:\\s*\"v(\\d+)\\.");
    private static final Map<Path, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The manifests of the kustomization in {@code folder}, as parsed YAML maps. */
    static List<Map<String, Object>> build(Path folder) {
        return RENDERED.computeIfAbsent(folder.toAbsolutePath().normalize(), Kustomize::render);
    }

    /**
     * Renders a kustomization written on the fly into {@code target/kustomize/<name>}, the way a
     * user's own overlay would sit beside the repository (paths in it are relative to that folder:
     * {@code ../../../k8s/...}).
     */
    static List<Map<String, Object>> build(String name, String kustomization) {
        Path folder = Path.of("target", "kustomize", name);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("kustomization.yaml"), kustomization);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RENDERED.remove(folder.toAbsolutePath().normalize());
        return build(folder);
    }

    /** Every YAML document of {@code text} that is not empty. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parseAll(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    private static List<Map<String, Object>> render(Path folder) {
        String version = Tool.KUBECTL.runOk("version", "--client", "-o", "json");
        Matcher kustomize = KUSTOMIZE_VERSION.matcher(version);
        if (!kustomize.find() || Integer.parseInt(kustomize.group(1)) < KUSTOMIZE_MAJOR) {
            throw new AssertionError("kubectl with kustomize v" + KUSTOMIZE_MAJOR + " or later (kubectl 1.27+) is needed, found: " + version);
        }
        return List.copyOf(parseAll(Tool.KUBECTL.runOk("kustomize", folder.toString())));
    }
}
