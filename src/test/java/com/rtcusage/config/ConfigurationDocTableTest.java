package com.rtcusage.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key table of docs/configuration.md and the configuration metadata that IDEs complete from (generated
 * by spring-boot-configuration-processor from RtcUsageProperties' javadoc) name the same keys, and
 * every key has a description: neither can drift from the code.
 */
class ConfigurationDocTableTest {

    private static final Path DOC = Path.of("docs/configuration.md");
    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void theDocNamesExactlyTheKeysTheCodeHas() throws IOException {
        assertThat(uniform(documentedKeys())).isEqualTo(uniform(metadataKeys()));
    }

    @Test
    void everyKeyHasADescription() throws IOException {
        for (JsonNode property : metadata().path("properties")) {
            if (property.path("name").asText().startsWith("rtc-usage.")) {
                assertThat(property.path("description").asText()).as(property.path("name").asText()).isNotBlank();
            }
        }
    }

    /** The rtc-usage keys of the metadata, a list of settings expanded into its elements' keys. */
    static Set<String> metadataKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (JsonNode property : metadata().path("properties")) {
            String name = property.path("name").asText();
            if (!name.startsWith("rtc-usage.")) {
                continue;
            }
            Class<?> element = listElement(property.path("type").asText());
            if (element != null && element.isRecord()) {
                addKeysOf(name + "[n]", element, keys);
            } else {
                keys.add(name);
            }
        }
        assertThat(keys).as("metadata generated into " + METADATA).isNotEmpty();
        return keys;
    }

    /** The metadata stops at a list: the keys of its element record, and of records and lists of records within it. */
    private static void addKeysOf(String prefix, Class<?> record, Set<String> keys) {
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + "." + component.getName();
            Class<?> element = component.getGenericType() instanceof ParameterizedType list && List.class.equals(component.getType())
                    && list.getActualTypeArguments()[0] instanceof Class<?> type ? type : null;
            if (component.getType().isRecord()) {
                addKeysOf(key, component.getType(), keys);
            } else if (element != null && element.isRecord()) {
                addKeysOf(key + "[n]", element, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** The keys the table of docs/configuration.md names; "`a.b.c` / `d`" names a.b.c and its sibling a.b.d. */
    static Set<String> documentedKeys() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf("| key | default | meaning |");
        assertThat(start).as("the key table of %s", DOC).isNotNegative();
        Set<String> keys = new TreeSet<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String cell = line.split("\\|")[1];
            Matcher code = CODE.matcher(cell);
            List<String> names = new ArrayList<>();
            while (code.find()) {
                names.add(code.group(1));
            }
            if (names.isEmpty() || !names.get(0).startsWith("rtc-usage.")) {
                continue;
            }
            String first = names.get(0);
            keys.add(first);
            String parent = first.substring(0, first.lastIndexOf('.') + 1);
            names.subList(1, names.size()).forEach(sibling -> keys.add(parent + sibling));
        }
        return keys;
    }

    /** Dashes and case do not matter in a key, as Spring binds them. */
    private static Set<String> uniform(Set<String> keys) {
        Set<String> uniform = new TreeSet<>();
        keys.forEach(key -> uniform.add(key.replace("-", "").toLowerCase(Locale.ROOT)));
        return uniform;
    }

    private static Class<?> listElement(String type) {
        Matcher list = Pattern.compile("java\\.util\\.List<(.+)>").matcher(type);
        if (!list.matches()) {
            return null;
        }
        try {
            return Class.forName(list.group(1).replace("com.rtcusage.config.RtcUsageProperties.", "com.rtcusage.config.RtcUsageProperties$"));
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static JsonNode metadata() throws IOException {
        assertThat(METADATA).as("spring-boot-configuration-processor's output").exists();
        return new ObjectMapper().readTree(METADATA.toFile());
    }
}
