package com.rtcusage.sandbox;

import static com.rtcusage.sandbox.SandboxFixture.ACCOUNT_A;
import static com.rtcusage.sandbox.SandboxFixture.KEY_A;
import static com.rtcusage.sandbox.SandboxFixture.NOW;
import static com.rtcusage.sandbox.SandboxFixture.body;
import static com.rtcusage.sandbox.SandboxTestClient.QUERY;
import static com.rtcusage.sandbox.SandboxTestClient.publisher;
import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.config.Secret;
import com.rtcusage.sandbox.SandboxTestClient.Reply;
import com.rtcusage.signing.Credentials;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Only requests signed by a known key, over exactly what was sent, within 15 minutes, get through. */
class UsageSandboxAuthenticationIT {

    private static final String BODY = body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00");
    private static final String OTHER_BODY = body("app-a2", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00");

    @RegisterExtension
    final RunningSandbox running = new RunningSandbox();

    @Test
    void refusesABodyOtherThanTheSignedOne() {
        Reply reply = running.client().send(running.client().signed("POST", QUERY, KEY_A, BODY, NOW).POST(publisher(OTHER_BODY)).build());

        assertRefused(reply, 401, "SignatureDoesNotMatch");
    }

    @Test
    void recomputesTheSignatureRatherThanTrustingTheBodyHash() {
        HttpRequest tampered = running.client().signed("POST", QUERY, KEY_A, BODY, NOW)
                .setHeader("X-Content-Sha256", sha256Hex(OTHER_BODY))
                .POST(publisher(OTHER_BODY))
                .build();

        assertRefused(running.client().send(tampered), 401, "SignatureDoesNotMatch");
    }

    @Test
    void refusesASignatureMadeWithAnotherSecretWithoutEchoingAnySecret() {
        Credentials wrongSecret = new Credentials(ACCOUNT_A.accessKeyId(), new Secret("not-the-secret"));
        HttpRequest request = running.client().signed("POST", QUERY, wrongSecret, BODY, NOW).POST(publisher(BODY)).build();
        String sentSignature = request.headers().firstValue("Authorization").orElseThrow().replaceAll(".*Signature=", "");

        Reply reply = running.client().send(request);

        assertRefused(reply, 401, "SignatureDoesNotMatch");
        assertThat(reply.body()).doesNotContain(sentSignature, "not-the-secret", ACCOUNT_A.secretAccessKey().reveal());
    }

    @Test
    void refusesASignatureOverAnotherQuery() {
        HttpRequest request = running.client().signed("POST", "Action=ListUsages&Version=2023-11-01&Extra=1", KEY_A, BODY, NOW)
                .uri(URI.create(running.sandbox().endpoint() + "/?" + QUERY))
                .POST(publisher(BODY))
                .build();

        assertRefused(running.client().send(request), 401, "SignatureDoesNotMatch");
    }

    @Test
    void refusesAnUnknownAccessKeyNamingIt() {
        Credentials unknown = new Credentials("AKLTnobody", new Secret("whatever"));

        Reply reply = running.client().listUsages(unknown, BODY, NOW);

        assertRefused(reply, 401, "InvalidAccessKey");
        assertThat(reply.errorMessage()).contains("AKLTnobody");
        assertThat(running.sandbox().requests()).singleElement().extracting(RecordedRequest::accessKeyId).isEqualTo("AKLTnobody");
    }

    @Test
    void refusesARequestWithoutAuthorization() {
        HttpRequest unsigned = HttpRequest.newBuilder(URI.create(running.sandbox().endpoint() + "/?" + QUERY))
                .header("Content-Type", "application/json")
                .POST(publisher(BODY))
                .build();

        assertRefused(running.client().send(unsigned), 401, "InvalidAccessKey");
        assertThat(running.sandbox().requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.accessKeyId()).isNull();
            assertThat(recorded.appId()).isEqualTo("app-a1");
            assertThat(recorded.errorCode()).isEqualTo("InvalidAccessKey");
        });
    }

    @Test
    void refusesAnXDateMoreThanFifteenMinutesAway() {
        Reply reply = running.client().listUsages(KEY_A, BODY, NOW.minus(Duration.ofMinutes(16)));

        assertRefused(reply, 401, "InvalidTimestamp");
        assertThat(reply.errorMessage()).contains("20261119T184400Z");
    }

    @Test
    void acceptsAnXDateWithinFifteenMinutes() {
        assertThat(running.client().listUsages(KEY_A, BODY, NOW.plus(Duration.ofMinutes(14))).status()).isEqualTo(200);
        assertThat(running.client().listUsages(KEY_A, BODY, NOW.minus(Duration.ofMinutes(15))).status()).isEqualTo(200);
    }

    private static void assertRefused(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.json().at("/ResponseMetadata/Error/CodeN").isInt()).isTrue();
        assertThat(reply.json().at("/ResponseMetadata/Error/Message").asText()).isNotBlank();
        assertThat(reply.json().has("Result")).isFalse();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
