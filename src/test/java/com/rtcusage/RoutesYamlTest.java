package com.rtcusage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Operators edit routes/ without a rebuild, so every file is checked against Camel's own YAML DSL
 * schema: a misspelled key fails the build here, before a pod refuses to start. Files are named
 * {@code <step>-<route id>}, so that {@code ls routes/} lists the flow in reading order. (Endpoint
 * options are checked by Camel itself when the integration tests start the real routes.)
 */
class RoutesYamlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema CAMEL_YAML_DSL = camelSchema();

    static Stream<Path> routeFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("routes"))) {
            files = listing.filter(path -> path.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void everyRouteFileFollowsCamelsSchema(Path file) throws IOException {
        assertThat(errors(Files.readString(file))).as(file.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void everyRouteFileHoldsOneRouteNamedAfterIt(Path file) throws IOException {
        JsonNode document = yaml(Files.readString(file));
        String fileName = file.getFileName().toString();
        assertThat(fileName).as("<step of the flow>-<route id>.camel.yaml, so ls shows the reading order").matches("\\d-[a-z-]+\\.camel\\.yaml");
        String name = fileName.substring(2).replace(".camel.yaml", "");
        if (document.get(0).has("route")) {
            assertThat(document).as(file.toString()).hasSize(1);
            assertThat(document.get(0).at("/route/id").asText()).isEqualTo(name);
        } else {
            assertThat(document).allSatisfy(entry -> assertThat(entry.has("routeConfiguration")).isTrue());
        }
    }

    @Test
    void aTypoInAKeyIsCaught() throws IOException {
        String sweep = Files.readString(Path.of("routes/2-sweep.camel.yaml"));
        String typo = sweep.replaceFirst("parallelProcessing:", "paralelProcessing:");
        assertThat(typo).isNotEqualTo(sweep);

        assertThat(errors(typo)).isNotEmpty();
    }

    private static Set<ValidationMessage> errors(String yaml) {
        return CAMEL_YAML_DSL.validate(yaml(yaml));
    }

    private static JsonNode yaml(String text) {
        return JSON.valueToTree(new Yaml().load(text));
    }

    private static JsonSchema camelSchema() {
        try (InputStream schema = RoutesYamlTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException("Camel's YAML DSL schema is not on the classpath", e);
        }
    }
}
