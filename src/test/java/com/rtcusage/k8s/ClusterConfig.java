package com.rtcusage.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The configuration a pod of k8s/ runs with, read the way Spring Boot reads it: the image's
 * application.yaml with the cluster's application.yaml (ConfigMap rtc-usage-config) on top, plus
 * the route files of routes/. Lets the manifest tests hold the manifests against the settings
 * they must agree with (ports, timeouts, leader election).
 */
final class ClusterConfig {

    static final Path ROUTES = Path.of("routes");
    static final Path IMAGE_CONFIG = Path.of("src/main/resources/application.yaml");
    static final Path CLUSTER_CONFIG = Path.of("k8s/config/application.yaml");

    private final StandardEnvironment environment = new StandardEnvironment();

    ClusterConfig() {
        MutablePropertySources sources = environment.getPropertySources();
        sources.addFirst(load(IMAGE_CONFIG));
        sources.addFirst(load(CLUSTER_CONFIG));
        ConfigurationPropertySources.attach(environment);
        environment.setConversionService(new ApplicationConversionService());
    }

    /** A setting as the pod sees it; fails when it is set nowhere. */
    <T> T get(String key, Class<T> type) {
        T value = environment.getProperty(key, type);
        if (value == null) {
            throw new IllegalStateException(key + " is set neither in " + IMAGE_CONFIG + " nor in " + CLUSTER_CONFIG);
        }
        return value;
    }

    /** A setting as the pod sees it, or Spring Boot's default when it is set nowhere. */
    <T> T get(String key, Class<T> type, T defaultValue) {
        return environment.getProperty(key, type, defaultValue);
    }

    /** A map-valued setting such as camel.cluster.kubernetes.cluster-labels. */
    Map<String, String> map(String key) {
        return Binder.get(environment).bind(key, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }

    /** The route files of routes/ (what ROUTES_DIR must hold), sorted by name. */
    static List<Path> routeFiles() {
        try (Stream<Path> files = Files.list(ROUTES)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PropertySource<?> load(Path file) {
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
            if (documents.size() != 1) {
                throw new IllegalStateException(file + " should hold one YAML document, found " + documents.size());
            }
            return documents.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
