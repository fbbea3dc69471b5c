package com.rtcusage.k8s;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the part of kustomize this
 * repository uses: resources (files and kustomization folders), {@code configMapGenerator} with
 * files, {@code namespace} and {@code images}. Anything else fails loudly, so a new kustomize
 * feature in k8s/ extends this class instead of being skipped. Where kubectl is installed,
 * {@link #withKubectl(Path)} renders the same folder for comparison.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED_KEYS = Set.of("apiVersion", "kind", "namespace", "resources",
            "configMapGenerator", "images", "components");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");

    private Kustomize() {
    }

    /** The manifests of the kustomization in {@code folder}, as parsed YAML maps. */
    static List<Map<String, Object>> build(Path folder) {
        return render(folder.toAbsolutePath().normalize()).manifests();
    }

    /** The same folder rendered by {@code kubectl kustomize}, when kubectl is on the PATH. */
    static Optional<List<Map<String, Object>>> withKubectl(Path folder) {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
        if (kubectl.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", folder.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + folder + " failed: " + output);
            }
            return Optional.of(parseAll(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** The name kustomize gives a generated ConfigMap: name, dash, hash of its data. */
    static String generatedName(String name, Map<String, String> data) {
        // kustomize hashes {"data":...,"kind":"ConfigMap","name":""} (its name lookup comes back
        // empty) as Go's json.Marshal writes it: sorted keys, <, > and & escaped.
        StringBuilder json = new StringBuilder("{\"data\":{");
        String separator = "";
        for (Map.Entry<String, String> entry : new TreeMap<>(data).entrySet()) {
            json.append(separator).append(goJson(entry.getKey())).append(':').append(goJson(entry.getValue()));
            separator = ",";
        }
        json.append("},\"kind\":\"ConfigMap\",\"name\":\"\"}");
        String hex;
        try {
            hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder suffix = new StringBuilder();
        for (char c : hex.substring(0, 10).toCharArray()) {
            suffix.append(switch (c) {
                case '0' -> 'g';
                case '1' -> 'h';
                case '3' -> 'k';
                case 'a' -> 'm';
                case 'e' -> 't';
                default -> c;
            });
        }
        return name + "-" + suffix;
    }

    private static String goJson(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** What one kustomization yields: its manifests and the names its generators gave. */
    private record Rendering(List<Map<String, Object>> manifests, Map<String, String> configMapNames) {
    }

    @SuppressWarnings("unchecked")
    private static Rendering render(Path folder) {
        Path file = folder.resolve("kustomization.yaml");
        Map<String, Object> kustomization = parseAll(read(file)).get(0);
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED_KEYS.contains(key)) {
                throw new IllegalStateException(file + " uses '" + key + "', which the test renderer ("
                        + Kustomize.class.getName() + ") does not support yet");
            }
        }
        List<Map<String, Object>> manifests = new ArrayList<>();
        Map<String, String> configMapNames = new LinkedHashMap<>();
        for (String resource : (List<String>) kustomization.getOrDefault("resources", List.of())) {
            Path path = folder.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                Rendering nested = render(path);
                manifests.addAll(nested.manifests());
                configMapNames.putAll(nested.configMapNames());
            } else {
                manifests.addAll(parseAll(read(inside(folder, path, file))));
            }
        }
        for (Map<String, Object> generator : (List<Map<String, Object>>) kustomization.getOrDefault("configMapGenerator", List.of())) {
            manifests.add(generate(folder, file, generator, configMapNames));
        }
        // Components here only generate ConfigMaps, so they render like a nested kustomization.
        for (String component : (List<String>) kustomization.getOrDefault("components", List.of())) {
            Rendering nested = render(folder.resolve(component).normalize());
            manifests.addAll(nested.manifests());
            configMapNames.putAll(nested.configMapNames());
        }
        for (Map<String, Object> manifest : manifests) {
            forEachPodSpec(manifest, pod -> renameConfigMapReferences(pod, configMapNames));
        }
        if (kustomization.get("namespace") instanceof String namespace) {
            manifests.forEach(manifest -> setNamespace(manifest, namespace));
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) kustomization.getOrDefault("images", List.of())) {
            manifests.forEach(manifest -> forEachPodSpec(manifest, pod -> setImage(pod, image)));
        }
        return new Rendering(manifests, configMapNames);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> generate(Path folder, Path file, Map<String, Object> generator,
            Map<String, String> configMapNames) {
        for (String key : generator.keySet()) {
            if (!Set.of("name", "files", "options").contains(key)) {
                throw new IllegalStateException(file + ": configMapGenerator option '" + key + "' is not supported by the test renderer");
            }
        }
        String name = (String) generator.get("name");
        Map<String, String> data = new LinkedHashMap<>();
        for (String entry : (List<String>) generator.get("files")) {
            String key = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : Path.of(entry).getFileName().toString();
            String source = entry.contains("=") ? entry.substring(entry.indexOf('=') + 1) : entry;
            if (data.put(key, read(inside(folder, folder.resolve(source).normalize(), file))) != null) {
                throw new IllegalStateException(file + ": key " + key + " twice in ConfigMap " + name);
            }
        }
        Map<String, Object> options = (Map<String, Object>) generator.getOrDefault("options", Map.of());
        for (String option : options.keySet()) {
            if (!Set.of("disableNameSuffixHash", "labels").contains(option)) {
                throw new IllegalStateException(file + ": configMapGenerator option '" + option + "' is not supported by the test renderer");
            }
        }
        String generated = Boolean.TRUE.equals(options.get("disableNameSuffixHash")) ? name : generatedName(name, data);
        configMapNames.put(name, generated);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", generated);
        if (options.get("labels") instanceof Map<?, ?> labels) {
            metadata.put("labels", new LinkedHashMap<>(labels));
        }
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", metadata);
        configMap.put("data", data);
        return configMap;
    }

    /** kustomize's load restrictor: a kustomization reads no file outside its own folder. */
    private static Path inside(Path folder, Path path, Path kustomization) {
        if (!path.startsWith(folder)) {
            throw new IllegalStateException(kustomization + " loads " + path + ", outside its folder: kustomize refuses that");
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static void forEachPodSpec(Map<String, Object> manifest, Consumer<Map<String, Object>> action) {
        Object spec = manifest.get("spec");
        String kind = (String) manifest.get("kind");
        List<String> path = switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> List.of("template", "spec");
            case "CronJob" -> List.of("jobTemplate", "spec", "template", "spec");
            case "Pod" -> List.of();
            default -> null;
        };
        if (path == null) {
            return;
        }
        for (String step : path) {
            spec = spec instanceof Map<?, ?> map ? map.get(step) : null;
        }
        if (spec instanceof Map<?, ?> podSpec) {
            action.accept((Map<String, Object>) podSpec);
        }
    }

    @SuppressWarnings("unchecked")
    private static void renameConfigMapReferences(Map<String, Object> pod, Map<String, String> names) {
        for (Map<String, Object> volume : (List<Map<String, Object>>) pod.getOrDefault("volumes", List.of())) {
            rename(volume.get("configMap"), names);
        }
        for (String containers : List.of("containers", "initContainers")) {
            for (Map<String, Object> container : (List<Map<String, Object>>) pod.getOrDefault(containers, List.of())) {
                for (Map<String, Object> envFrom : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
                    rename(envFrom.get("configMapRef"), names);
                }
                for (Map<String, Object> env : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                    if (env.get("valueFrom") instanceof Map<?, ?> valueFrom) {
                        rename(valueFrom.get("configMapKeyRef"), names);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void rename(Object reference, Map<String, String> names) {
        if (reference instanceof Map<?, ?> map && names.containsKey(map.get("name"))) {
            ((Map<String, Object>) map).put("name", names.get(map.get("name")));
        }
    }

    @SuppressWarnings("unchecked")
    private static void setNamespace(Map<String, Object> manifest, String namespace) {
        if (CLUSTER_SCOPED.contains(manifest.get("kind"))) {
            return;
        }
        ((Map<String, Object>) manifest.computeIfAbsent("metadata", key -> new LinkedHashMap<>())).put("namespace", namespace);
        if (List.of("RoleBinding", "ClusterRoleBinding").contains(manifest.get("kind"))) {
            // kustomize moves ServiceAccount subjects without a namespace (or in "default") along
            for (Map<String, Object> subject : (List<Map<String, Object>>) manifest.getOrDefault("subjects", List.of())) {
                Object current = subject.get("namespace");
                if ("ServiceAccount".equals(subject.get("kind")) && (current == null || "default".equals(current))) {
                    subject.put("namespace", namespace);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void setImage(Map<String, Object> pod, Map<String, Object> image) {
        for (String containers : List.of("containers", "initContainers")) {
            for (Map<String, Object> container : (List<Map<String, Object>>) pod.getOrDefault(containers, List.of())) {
                String current = (String) container.get("image");
                String name = current.replaceFirst("[@:][^/]*$", "");
                if (!name.equals(image.get("name"))) {
                    continue;
                }
                String newName = (String) image.getOrDefault("newName", name);
                String tag = current.substring(name.length());
                if (image.get("digest") != null) {
                    tag = "@" + image.get("digest");
                } else if (image.get("newTag") != null) {
                    tag = ":" + image.get("newTag");
                }
                container.put("image", newName + tag);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
