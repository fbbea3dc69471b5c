package com.rtcusage.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the schema compatibility policy of docs/contract.md: the shipped schemas may change only
 * compatibly against their released copies in src/test/resources/schema-baseline
 * ({@code <name>.v<N>.schema.json}; v1 is shipped as {@code <name>.schema.json}, later versions as
 * {@code <name>.v<N>.schema.json}). After a compatible change, copy the shipped file over its
 * baseline in the same commit; an incompatible one is a new version and a new file.
 */
class SchemaCompatibilityTest {

    private static final Path SHIPPED = Path.of("src/main/resources/schema");
    private static final Path BASELINE = Path.of("src/test/resources/schema-baseline");
    private static final Pattern BASELINE_NAME = Pattern.compile("(.+)\\.v(\\d+)\\.schema\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> baselines() throws IOException {
        try (Stream<Path> files = Files.list(BASELINE)) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("baselines")
    void shippedSchemaIsCompatibleWithItsBaseline(Path baseline) {
        Path shipped = shippedFileOf(baseline);
        assertThat(shipped).as("baseline %s without its shipped schema: a released version was removed", baseline).exists();

        assertThat(SchemaCompatibility.breakingChanges(read(baseline), read(shipped)))
                .as("incompatible change in %s: give the records a new type version and a new schema file (docs/contract.md)", shipped)
                .isEmpty();
    }

    @Test
    void everyShippedSchemaHasABaseline() throws IOException {
        Set<Path> covered = baselines().map(SchemaCompatibilityTest::shippedFileOf).collect(Collectors.toSet());
        try (Stream<Path> shipped = Files.list(SHIPPED)) {
            assertThat(shipped.toList()).as("copy a new schema file to %s as <name>.v<N>.schema.json", BASELINE)
                    .isNotEmpty()
                    .allSatisfy(file -> assertThat(covered).contains(file));
        }
    }

    @Test
    void recordSchemaNamesTheCloudEventsTypeOfItsVersion() {
        assertThat(read(SHIPPED.resolve("usage-record.schema.json")).get("description").asText())
                .contains("com.volcengine.rtc.usage.daily.v1");
    }

    // --- the check itself, on in-memory copies of the baseline: compatible changes pass ---

    @Test
    void identicalSchemasAreCompatible() {
        assertThat(SchemaCompatibility.breakingChanges(record(), record())).isEmpty();
        assertThat(SchemaCompatibility.breakingChanges(deadLetter(), deadLetter())).isEmpty();
    }

    @Test
    void addingAnOptionalPropertyIsCompatible() {
        assertCompatible(record(), schema -> {
            properties(schema).putObject("region").put("type", "string").put("description", "Volcengine region");
            properties(schema.at("/properties/cost")).putObject("tax").put("$ref", "#/$defs/money");
        });
    }

    @Test
    void changingAnnotationsIsCompatible() {
        assertCompatible(record(), schema -> {
            schema.put("title", "Priced RTC usage");
            ((ObjectNode) schema.at("/properties/account")).put("description", "The label of the account.")
                    .put("$comment", "never the key").put("deprecated", false);
            ((ObjectNode) schema.at("/$defs/money")).putArray("examples").add("1.000000");
        });
    }

    @Test
    void movingADefinitionIsCompatibleWhenItSaysTheSame() {
        assertCompatible(record(), schema -> {
            ObjectNode defs = (ObjectNode) schema.get("$defs");
            defs.set("amount", defs.remove("money"));
            schema.at("/properties/cost/properties").forEach(property -> {
                if (property.path("$ref").asText().equals("#/$defs/money")) {
                    ((ObjectNode) property).put("$ref", "#/$defs/amount");
                }
            });
        });
    }

    // --- one case per rule: incompatible changes fail, naming where ---

    @Test
    void removingAPropertyBreaks() {
        assertBreaks(record(), schema -> {
            properties(schema).remove("requestId");
            unrequire(schema, "requestId");
        }, "/properties/requestId: property removed");
    }

    @Test
    void renamingAPropertyBreaks() {
        assertBreaks(record(), schema -> properties(schema.at("/properties/cost"))
                .set("sum", properties(schema.at("/properties/cost")).remove("total")),
                "/properties/cost/properties/total: property removed");
    }

    @Test
    void changingATypeBreaks() {
        assertBreaks(record(), schema -> ((ObjectNode) schema.at("/$defs/minutes")).put("type", "number"),
                "/properties/minutes/properties/audio: type changed from [integer] to [number]");
    }

    @Test
    void allowingNullBreaks() {
        assertBreaks(record(), schema -> ((ObjectNode) schema.at("/properties/account")).putArray("type").add("string").add("null"),
                "/properties/account: type changed from [string] to [null, string]");
    }

    @Test
    void forbiddingNullBreaks() {
        assertBreaks(deadLetter(), schema -> ((ObjectNode) schema.at("/properties/httpStatus")).put("type", "integer"),
                "/properties/httpStatus: type changed from [integer, null] to [integer]");
    }

    @Test
    void addingARequiredPropertyBreaks() {
        assertBreaks(record(), schema -> {
            properties(schema).putObject("region").put("type", "string");
            required(schema).add("region");
        }, "/properties/region: newly required");
    }

    @Test
    void makingAnOptionalPropertyRequiredBreaks() {
        ObjectNode baseline = record();
        properties(baseline).putObject("region").put("type", "string");
        assertBreaks(baseline, schema -> required(schema).add("region"), "/properties/region: newly required");
    }

    @Test
    void makingARequiredPropertyOptionalBreaks() {
        assertBreaks(record(), schema -> unrequire(schema, "final"),
                "/properties/final: no longer required");
    }

    @Test
    void removingAnEnumValueBreaks() {
        ObjectNode baseline = withCurrencyEnum("USD", "CNY");
        assertBreaks(baseline, schema -> ((ArrayNode) schema.at("/properties/cost/properties/currency/enum")).remove(1),
                "/properties/cost/properties/currency: enum value \"CNY\" removed");
    }

    @Test
    void addingAnEnumValueBreaks() {
        ObjectNode baseline = withCurrencyEnum("USD", "CNY");
        assertBreaks(baseline, schema -> ((ArrayNode) schema.at("/properties/cost/properties/currency/enum")).add("EUR"),
                "/properties/cost/properties/currency: enum value \"EUR\" added");
    }

    @Test
    void closingAnOpenStringToAnEnumBreaks() {
        assertBreaks(deadLetter(), schema -> ((ObjectNode) schema.at("/properties/errorCode")).putArray("enum").add("Timeout"),
                "/properties/errorCode: enum added");
    }

    @Test
    void tighteningAPatternBreaks() {
        assertBreaks(record(), schema -> ((ObjectNode) schema.at("/$defs/money")).put("pattern", "^\\d+\\.\\d{2}$"),
                "/properties/cost/properties/audio/pattern: changed from");
    }

    @Test
    void looseningAPatternBreaks() {
        assertBreaks(record(), schema -> ((ObjectNode) schema.at("/properties/day")).remove("pattern"),
                "/properties/day/pattern: changed from \"^\\\\d{4}-\\\\d{2}-\\\\d{2}$\" to (absent)");
    }

    @Test
    void addingOrChangingAFormatBreaks() {
        assertBreaks(record(), schema -> ((ObjectNode) schema.at("/properties/timestamp")).put("format", "date-time"),
                "/properties/timestamp/format: changed from (absent) to \"date-time\"");
    }

    @Test
    void raisingAMinimumBreaks() {
        assertBreaks(record(), schema -> ((ObjectNode) schema.at("/$defs/minutes")).put("minimum", 1),
                "/properties/minutes/properties/video1080p/minimum: changed from 0 to 1 (tightened)");
    }

    @Test
    void droppingAMinimumBreaks() {
        assertBreaks(deadLetter(), schema -> ((ObjectNode) schema.at("/properties/attempts")).remove("minimum"),
                "/properties/attempts/minimum: changed from 1 to (absent) (loosened)");
    }

    @Test
    void addingAMaximumLengthBreaks() {
        assertBreaks(deadLetter(), schema -> ((ObjectNode) schema.at("/properties/body")).put("maxLength", 1024),
                "/properties/body/maxLength: changed from (absent) to 1024 (tightened)");
    }

    @Test
    void turningAdditionalPropertiesFalseBreaks() {
        ObjectNode baseline = deadLetter();
        ((ObjectNode) baseline.at("/properties/window")).remove("additionalProperties");
        assertBreaks(baseline, schema -> ((ObjectNode) schema.at("/properties/window")).put("additionalProperties", false),
                "/properties/window/additionalProperties: changed from (absent) to false (turned false)");
    }

    @Test
    void openingAdditionalPropertiesBreaks() {
        assertBreaks(record(), schema -> ((ObjectNode) schema.at("/properties/minutes")).remove("additionalProperties"),
                "/properties/minutes/additionalProperties: changed from false to (absent)");
    }

    @Test
    void pointingARefElsewhereBreaks() {
        assertBreaks(record(), schema -> ((ObjectNode) schema.at("/properties/minutes/properties/audio")).put("$ref", "#/$defs/money"),
                "/properties/minutes/properties/audio: type changed from [integer] to [string]");
    }

    @Test
    void changingTheDraftBreaks() {
        assertBreaks(record(), schema -> schema.put("$schema", "http://json-schema.org/draft-07/schema#"), "/$schema: changed from");
    }

    @Test
    void reportsEveryBreakingChangeAtOnce() {
        ObjectNode current = record();
        properties(current).remove("requestId");
        ((ObjectNode) current.at("/$defs/money")).put("pattern", "^\\d+$");
        assertThat(SchemaCompatibility.breakingChanges(record(), current))
                .anyMatch(problem -> problem.startsWith("/properties/requestId: property removed"))
                .anyMatch(problem -> problem.startsWith("/properties/cost/properties/total/pattern"))
                .hasSize(6);   // five money fields share the pattern, and the removed property
    }

    private static void assertCompatible(ObjectNode baseline, Consumer<ObjectNode> change) {
        ObjectNode current = baseline.deepCopy();
        change.accept(current);
        assertThat(current).isNotEqualTo(baseline);
        assertThat(SchemaCompatibility.breakingChanges(baseline, current)).isEmpty();
    }

    private static void assertBreaks(ObjectNode baseline, Consumer<ObjectNode> change, String expected) {
        ObjectNode current = baseline.deepCopy();
        change.accept(current);
        List<String> problems = SchemaCompatibility.breakingChanges(baseline, current);
        assertThat(problems).as("a breaking change must be reported").isNotEmpty();
        assertThat(problems).anyMatch(problem -> problem.startsWith(expected));
    }

    private static ObjectNode withCurrencyEnum(String... currencies) {
        ObjectNode schema = record();
        ArrayNode values = ((ObjectNode) schema.at("/properties/cost/properties/currency")).putArray("enum");
        for (String currency : currencies) {
            values.add(currency);
        }
        return schema;
    }

    private static ObjectNode properties(JsonNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    private static ArrayNode required(JsonNode schema) {
        return (ArrayNode) schema.get("required");
    }

    private static void unrequire(ObjectNode schema, String name) {
        ArrayNode required = required(schema);
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals(name)) {
                required.remove(i);
            }
        }
    }

    private static ObjectNode record() {
        return (ObjectNode) read(BASELINE.resolve("usage-record.v1.schema.json"));
    }

    private static ObjectNode deadLetter() {
        return (ObjectNode) read(BASELINE.resolve("dead-letter.v1.schema.json"));
    }

    private static Path shippedFileOf(Path baseline) {
        Matcher name = BASELINE_NAME.matcher(baseline.getFileName().toString());
        assertThat(name.matches()).as("baseline file name %s is not <name>.v<N>.schema.json", baseline).isTrue();
        String version = name.group(2).equals("1") ? "" : ".v" + name.group(2);
        return SHIPPED.resolve(name.group(1) + version + ".schema.json");
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
