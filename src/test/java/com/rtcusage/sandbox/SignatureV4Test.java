package com.rtcusage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.config.Secret;
import com.rtcusage.support.SigningVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox's own verifier recomputes every signature of the official SDK's vectors byte for byte,
 * from the request as it would arrive (raw query, headers sent, body), with none of the client's code.
 */
class SignatureV4Test {

    private static final DateTimeFormatter X_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    static Stream<Arguments> vectors() throws IOException {
        return SigningVectors.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void recomputesTheOfficialSdksSignature(String name, JsonNode vector) {
        JsonNode input = vector.get("input");
        JsonNode expected = vector.get("expected");
        AuthorizationHeader authorization = AuthorizationHeader.parse(expected.get("authorization").asText()).orElseThrow();

        String canonicalRequest = SignatureV4.canonicalRequest(received(vector), authorization.signedHeaders());
        String stringToSign = SignatureV4.stringToSign(input.get("xDate").asText(), authorization.scope(), canonicalRequest);
        String signature = SignatureV4.signature(input.get("secretAccessKey").asText(), authorization.date(),
                authorization.region(), authorization.service(), stringToSign);

        assertThat(canonicalRequest).isEqualTo(expected.get("canonicalRequest").asText());
        assertThat(stringToSign).isEqualTo(expected.get("stringToSign").asText());
        assertThat(signature).isEqualTo(expected.get("signature").asText()).isEqualTo(authorization.signature());
        assertThat(String.join(";", authorization.signedHeaders())).isEqualTo(expected.get("signedHeaders").asText());
        assertThat(authorization.scope()).isEqualTo(expected.get("credentialScope").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void acceptsEveryVectorAsSignedByItsKey(String name, JsonNode vector) {
        SandboxAccount account = account(vector.get("input"), vector.get("input").get("secretAccessKey").asText());

        assertThat(check(vector).verify(received(vector), signedAt(vector))).isEqualTo(account);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void refusesEveryVectorUnderAnotherSecret(String name, JsonNode vector) {
        JsonNode input = vector.get("input");
        SignatureCheck check = new SignatureCheck(new SandboxSettings(input.get("region").asText(),
                input.get("service").asText(), 2, java.time.Duration.ofHours(8),
                List.of(account(input, "another-secret"))));

        assertThatThrownBy(() -> check.verify(received(vector), signedAt(vector)))
                .isInstanceOfSatisfying(ApiException.class,
                        refused -> assertThat(refused.error()).isEqualTo(ApiError.SIGNATURE_DOES_NOT_MATCH))
                .hasMessageNotContaining("another-secret")
                .hasMessageNotContaining(vector.get("expected").get("signature").asText());
    }

    /** The request as the sandbox would receive it: raw query on the wire and every header sent. */
    private static IncomingRequest received(JsonNode vector) {
        JsonNode input = vector.get("input");
        Map<String, String> headers = new LinkedHashMap<>();
        vector.get("expected").get("headers").fields().forEachRemaining(header -> headers.put(header.getKey(),
                header.getValue().asText()));
        return IncomingRequest.of(input.get("method").asText(), input.get("path").asText(),
                input.get("rawQuery").asText(), headers, input.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }

    /** A check that knows the vector's key and, for an STS vector, its session token (without expiry). */
    private static SignatureCheck check(JsonNode vector) {
        JsonNode input = vector.get("input");
        SandboxSettings settings = new SandboxSettings(input.get("region").asText(), input.get("service").asText(), 2,
                java.time.Duration.ofHours(8), List.of(account(input, input.get("secretAccessKey").asText())));
        AccessKeys keys = new AccessKeys(settings.accounts());
        if (input.hasNonNull("sessionToken")) {
            keys.accept(input.get("accessKeyId").asText(), input.get("sessionToken").asText(), Instant.MAX);
        }
        return new SignatureCheck(settings, keys);
    }

    private static SandboxAccount account(JsonNode input, String secret) {
        return new SandboxAccount(input.get("accessKeyId").asText(), new Secret(secret), Set.of("any-app"));
    }

    private static Instant signedAt(JsonNode vector) {
        return LocalDateTime.parse(vector.get("input").get("xDate").asText(), X_DATE).toInstant(ZoneOffset.UTC);
    }
}
