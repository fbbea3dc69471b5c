package com.rtcusage.sandbox;

import static com.rtcusage.sandbox.SandboxFixture.ACCOUNT_A;
import static com.rtcusage.sandbox.SandboxFixture.KEY_A;
import static com.rtcusage.sandbox.SandboxFixture.KEY_B;
import static com.rtcusage.sandbox.SandboxFixture.NOW;
import static com.rtcusage.sandbox.SandboxFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.sandbox.SandboxTestClient.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** At most 2 requests per access key in any 1-second window, as the API's flow control allows. */
class UsageSandboxRateLimitIT {

    private static final String BODY_A = body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00");
    private static final String BODY_B = body("app-b1", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00");
    private static final long ONE_SECOND = Duration.ofSeconds(1).toNanos();

    @RegisterExtension
    final RunningSandbox running = new RunningSandbox();

    @Test
    void throttlesTheThirdRequestOfAKeyWithinOneSecond() {
        Reply first = running.client().listUsages(KEY_A, BODY_A, NOW);
        Reply second = running.client().listUsages(KEY_A, BODY_A, NOW);
        Reply third = running.client().listUsages(KEY_A, BODY_A, NOW);

        assertThat(List.of(first.status(), second.status(), third.status())).containsExactly(200, 200, 429);
        assertThat(third.errorCode()).isEqualTo("FlowLimitExceeded");
        assertThat(third.errorMessage()).contains(ACCOUNT_A.accessKeyId());
        List<RecordedRequest> recorded = running.sandbox().requests();
        assertThat(recorded).extracting(RecordedRequest::status).containsExactly(200, 200, 429);
        assertThat(recorded).extracting(RecordedRequest::errorCode).containsExactly(null, null, "FlowLimitExceeded");
        assertThat(recorded).extracting(RecordedRequest::receivedNanos).isSorted();
        assertThat(recorded.get(2).receivedNanos() - recorded.get(0).receivedNanos()).isLessThan(ONE_SECOND);
    }

    @Test
    void limitsEachKeyOnItsOwn() {
        running.client().listUsages(KEY_A, BODY_A, NOW);
        running.client().listUsages(KEY_A, BODY_A, NOW);

        assertThat(running.client().listUsages(KEY_B, BODY_B, NOW).status()).isEqualTo(200);
        assertThat(running.client().listUsages(KEY_B, BODY_B, NOW).status()).isEqualTo(200);
    }

    @Test
    void letsAKeyThroughAgainOnceOneSecondHasPassedSinceItsLastRequest() {
        running.client().listUsages(KEY_A, BODY_A, NOW);
        running.client().listUsages(KEY_A, BODY_A, NOW);
        assertThat(running.client().listUsages(KEY_A, BODY_A, NOW).status()).isEqualTo(429);
        long lastArrival = running.sandbox().requests().get(2).receivedNanos();

        await().atMost(Duration.ofSeconds(3)).until(() -> System.nanoTime() - lastArrival >= ONE_SECOND);

        assertThat(running.client().listUsages(KEY_A, BODY_A, NOW).status()).isEqualTo(200);
    }
}
