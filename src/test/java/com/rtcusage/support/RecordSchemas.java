package com.rtcusage.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The JSON Schemas that ship in src/main/resources/schema, applied to records read back from Kafka. */
public final class RecordSchemas {

    public static final JsonSchema USAGE_RECORD = load("/schema/usage-record.schema.json");
    public static final JsonSchema DEAD_LETTER = load("/schema/dead-letter.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordSchemas() {
    }

    public static void assertValid(JsonSchema schema, String value) {
        try {
            assertThat(schema.validate(JSON.readTree(value))).as(value).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = RecordSchemas.class.getResourceAsStream(resource)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
