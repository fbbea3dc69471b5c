package com.rtcusage.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.config.Secret;
import com.rtcusage.support.SigningVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector produced by Volcengine's official Java SDK must come out byte for byte. */
class VolcSignerTest {

    private static final DateTimeFormatter X_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    static Stream<Arguments> vectors() throws IOException {
        return SigningVectors.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void reproducesTheOfficialSdk(String name, JsonNode vector) {
        JsonNode input = vector.get("input");
        JsonNode expected = vector.get("expected");
        SignedRequest signed = new VolcSigner(input.get("region").asText(), input.get("service").asText())
                .sign(request(input), credentials(input), xDate(input));

        assertThat(signed.canonicalRequest()).isEqualTo(expected.get("canonicalRequest").asText());
        assertThat(signed.stringToSign()).isEqualTo(expected.get("stringToSign").asText());
        assertThat(signed.signature()).isEqualTo(expected.get("signature").asText());
        assertThat(signed.headers()).isEqualTo(textMap(expected.get("headers")));
        assertThat(signed.headers().get("Authorization")).isEqualTo(expected.get("authorization").asText());
    }

    @Test
    void neverShowsTheSecretOrSignature() {
        Credentials credentials = new Credentials("AKLTexample", new Secret("topSecretValue"), new Secret("tokenValue"));
        SignedRequest signed = new VolcSigner("cn-north-1", "rtc").sign(
                new SignableRequest("POST", "rtc.volcengineapi.com", "/", List.of(), Map.of(), new byte[0]),
                credentials, Instant.parse("2026-11-20T10:00:00Z"));

        assertThat(credentials.toString()).doesNotContain("topSecretValue", "tokenValue");
        assertThat(signed.toString()).doesNotContain(signed.signature(), "topSecretValue");
    }

    private static SignableRequest request(JsonNode input) {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        input.get("query").forEach(pair -> query.add(new SimpleEntry<>(pair.get(0).asText(), pair.get(1).asText())));
        return new SignableRequest(input.get("method").asText(), input.get("host").asText(), input.get("path").asText(),
                query, textMap(input.get("headers")), input.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }

    private static Credentials credentials(JsonNode input) {
        JsonNode token = input.get("sessionToken");
        return new Credentials(input.get("accessKeyId").asText(), new Secret(input.get("secretAccessKey").asText()),
                token == null ? null : new Secret(token.asText()));
    }

    private static Instant xDate(JsonNode input) {
        return java.time.LocalDateTime.parse(input.get("xDate").asText(), X_DATE).toInstant(ZoneOffset.UTC);
    }

    private static Map<String, String> textMap(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }
}
