package com.rtcusage.sandbox;

import static com.rtcusage.sandbox.SandboxFixture.ACCOUNT_A;
import static com.rtcusage.sandbox.SandboxFixture.ACCOUNT_B;
import static com.rtcusage.sandbox.SandboxFixture.KEY_A;
import static com.rtcusage.sandbox.SandboxFixture.NOW;
import static com.rtcusage.sandbox.SandboxFixture.body;
import static com.rtcusage.sandbox.SandboxTestClient.QUERY;
import static com.rtcusage.sandbox.SandboxTestClient.publisher;
import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.config.Secret;
import com.rtcusage.sandbox.SandboxTestClient.Reply;
import com.rtcusage.signing.Credentials;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keys that change while the sandbox runs, as Volcengine's do: a rotated secret refuses the old one,
 * and STS-like session tokens are accepted only signed, for their own key and until they expire,
 * refused otherwise with InvalidSecretToken (401), never quoting the token.
 */
class UsageSandboxSessionTokenIT {

    private static final String BODY = body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00");

    @RegisterExtension
    final RunningSandbox running = new RunningSandbox();

    @Test
    void aRotatedSecretSignsAndTheOldOneIsRefused() {
        Secret rotated = new Secret("secretOfA-rotated");
        running.sandbox().rotateSecret(ACCOUNT_A.accessKeyId(), rotated);

        assertRefused(running.client().listUsages(KEY_A, BODY, NOW), "SignatureDoesNotMatch");
        assertThat(running.client().listUsages(new Credentials(ACCOUNT_A.accessKeyId(), rotated), BODY, NOW).status()).isEqualTo(200);
    }

    @Test
    void aSessionTokenIsAcceptedUntilItExpires() {
        String token = running.sandbox().issueSessionToken(ACCOUNT_A.accessKeyId(), NOW.plus(Duration.ofHours(1)));
        Credentials sts = new Credentials(ACCOUNT_A.accessKeyId(), ACCOUNT_A.secretAccessKey(), new Secret(token));

        assertThat(running.client().listUsages(sts, BODY, NOW).status()).isEqualTo(200);
        running.sandbox().expireSessionToken(token);
        Reply expired = running.client().listUsages(sts, BODY, NOW);

        assertRefused(expired, "InvalidSecretToken");
        assertThat(expired.errorMessage()).contains("expired").doesNotContain(token);
    }

    @Test
    void aKeyGivenATokenIsTemporaryAndNeedsAKnownOne() {
        running.sandbox().issueSessionToken(ACCOUNT_A.accessKeyId(), NOW.plus(Duration.ofHours(1)));

        assertRefused(running.client().listUsages(KEY_A, BODY, NOW), "InvalidSecretToken");
        assertRefused(running.client().listUsages(withToken("STS2made-up"), BODY, NOW), "InvalidSecretToken");
    }

    @Test
    void aTokenPastItsExpiryOrOfAnotherKeyIsRefused() {
        String pastExpiry = running.sandbox().issueSessionToken(ACCOUNT_A.accessKeyId(), NOW);
        String ofB = running.sandbox().issueSessionToken(ACCOUNT_B.accessKeyId(), NOW.plus(Duration.ofHours(1)));

        assertRefused(running.client().listUsages(withToken(pastExpiry), BODY, NOW), "InvalidSecretToken");
        assertRefused(running.client().listUsages(withToken(ofB), BODY, NOW), "InvalidSecretToken");
    }

    @Test
    void aTokenOutsideTheSignatureIsRefused() {
        String token = running.sandbox().issueSessionToken(ACCOUNT_A.accessKeyId(), NOW.plus(Duration.ofHours(1)));

        Reply reply = running.client().send(running.client().signed("POST", QUERY, KEY_A, BODY, NOW)
                .header("X-Security-Token", token).POST(publisher(BODY)).build());

        assertRefused(reply, "SignatureDoesNotMatch");
        assertThat(reply.errorMessage()).contains("x-security-token");
    }

    private static Credentials withToken(String token) {
        return new Credentials(ACCOUNT_A.accessKeyId(), ACCOUNT_A.secretAccessKey(), new Secret(token));
    }

    private static void assertRefused(Reply reply, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(code);
    }
}
