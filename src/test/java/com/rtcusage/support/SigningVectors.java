package com.rtcusage.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The signatures Volcengine's official SDK computed (test resource signing/volc-signing-vectors.json), as test arguments (name, vector). */
public final class SigningVectors {

    private SigningVectors() {
    }

    public static Stream<Arguments> all() throws IOException {
        try (InputStream in = SigningVectors.class.getResourceAsStream("/signing/volc-signing-vectors.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> arguments = new ArrayList<>();
            root.get("vectors").forEach(vector -> arguments.add(Arguments.of(vector.get("name").asText(), vector)));
            assertThat(arguments).hasSizeGreaterThanOrEqualTo(7);
            return arguments.stream();
        }
    }
}
