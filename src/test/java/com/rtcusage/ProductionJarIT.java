package com.rtcusage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production jar holds nothing of the local run: no sandbox, no embedded broker, no profile
 * {@code local}, so no profile switch can start a fake API in production. An {@code *IT} because it
 * reads the jar {@code package} built.
 */
class ProductionJarIT {

    private static final Pattern LOCAL_ONLY = Pattern.compile(
            "(.*/)?com/rtcusage/sandbox/.*"
                    + "|(.*/)?com/rtcusage/LocalApplication(\\$.*)?\\.class"
                    + "|(.*/)?application-local\\.ya?ml"
                    + "|(.*/)?local/show-records\\.camel\\.yaml"
                    + "|BOOT-INF/lib/(spring-kafka-test|kafka_2\\.13)-.*\\.jar");

    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void readTheJar() throws IOException {
        Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files
                    .filter(file -> file.getFileName().toString().matches("rtc-usage-pipeline-.*\\.jar"))
                    .filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
                    .toList();
            assertThat(jars).as("the production jar in %s (run after mvn package)", target).hasSize(1);
            jar = jars.get(0);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void isTheBootJarOfTheService() {
        assertThat(entries).contains("BOOT-INF/classes/com/rtcusage/Application.class",
                "BOOT-INF/classes/application.yaml");
    }

    @Test
    void holdsNothingOfTheLocalRun() {
        assertThat(entries.stream().filter(name -> !name.endsWith("/") && LOCAL_ONLY.matcher(name).matches()))
                .as("local-only entries in %s", jar).isEmpty();
    }

    @Test
    void registersNothingOfTheSandbox() throws IOException {
        List<String> offending = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String name : entries) {
                if (!name.endsWith("META-INF/spring.factories")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .filter(line -> line.toLowerCase(Locale.ROOT).contains("sandbox"))
                            .forEach(line -> offending.add(name + ": " + line));
                }
            }
        }
        assertThat(offending).as("spring.factories lines naming the sandbox in %s", jar).isEmpty();
    }

    /** Where Spring Boot looks for the SBOM it serves at /actuator/sbom/application (SbomIT). */
    @Test
    void carriesItsSbom() throws IOException {
        String sbom = "META-INF/sbom/application.cdx.json";
        assertThat(entries).contains(sbom);
        try (JarFile zip = new JarFile(jar.toFile())) {
            assertThat(zip.getManifest().getMainAttributes().getValue("Sbom-Location")).isEqualTo(sbom);
        }
    }
}
