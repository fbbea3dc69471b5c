package com.rtcusage.sandbox;

import static com.rtcusage.sandbox.SandboxFixture.KEY_A;
import static com.rtcusage.sandbox.SandboxFixture.KEY_B;
import static com.rtcusage.sandbox.SandboxFixture.NOW;
import static com.rtcusage.sandbox.SandboxFixture.body;
import static com.rtcusage.sandbox.SandboxTestClient.QUERY;
import static com.rtcusage.sandbox.SandboxTestClient.publisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rtcusage.sandbox.SandboxTestClient.Reply;
import com.rtcusage.signing.Credentials;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults injected on demand, so the client's retries and checks can be proven against them. */
class UsageSandboxFaultsIT {

    private static final String BODY_A = body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-17T00:00:00+08:00");
    private static final String BODY_B = body("app-b1", "2026-11-15T00:00:00+08:00", "2026-11-17T00:00:00+08:00");

    @RegisterExtension
    final RunningSandbox running = new RunningSandbox();

    @Test
    void failsEveryNthRequestWithInternalError() {
        running.sandbox().faults(SandboxFaults.none().withFailEveryNth(2));

        List<Reply> replies = alternatingKeys(4);

        assertThat(replies).extracting(Reply::status).containsExactly(200, 500, 200, 500);
        assertThat(replies.get(1).errorCode()).isEqualTo("InternalError");
        assertThat(running.sandbox().requests()).extracting(RecordedRequest::errorCode)
                .containsExactly(null, "InternalError", null, "InternalError");
    }

    @Test
    void garblesEveryNthAnswer() {
        running.sandbox().faults(SandboxFaults.none().withGarbageEveryNth(2));

        List<Reply> replies = alternatingKeys(2);

        assertThat(replies).extracting(Reply::status).containsExactly(200, 200);
        assertThat(replies.get(0).usages()).hasSize(2);
        assertThatThrownBy(() -> new ObjectMapper().readTree(replies.get(1).body())).isInstanceOf(Exception.class);
    }

    @Test
    void throttlesTheNextRequestsWhateverTheRate() {
        running.sandbox().faults(SandboxFaults.none().withThrottleNext(2));

        List<Reply> replies = alternatingKeys(3);

        assertThat(replies).extracting(Reply::status).containsExactly(429, 429, 200);
        assertThat(replies).extracting(Reply::errorCode).containsExactly("FlowLimitExceeded", "FlowLimitExceeded", null);
    }

    @Test
    void addsTheDayBeforeStartTimeWhenAskedTo() {
        running.sandbox().faults(SandboxFaults.none().withExtraDayOutsideWindow(true));

        Reply reply = running.client().listUsages(KEY_A, BODY_A, NOW);

        assertThat(UsageSandboxListUsagesIT.timeStamps(reply.usages())).containsExactly(
                "2026-11-14T00:00:00+08:00", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00");
    }

    @Test
    void reportsTheFirstDayWithNegativeAudioWhenAskedTo() {
        running.sandbox().faults(SandboxFaults.none().withUnprocessableFirstDay(true));

        Reply reply = running.client().listUsages(KEY_A, BODY_A, NOW);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(UsageSandboxListUsagesIT.timeStamps(reply.usages()))
                .containsExactly("2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00");
        DailyFigures real15 = SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 15));
        assertThat(UsageSandboxListUsagesIT.figures(reply.usages().get(0)))
                .isEqualTo(new DailyFigures(-1, real15.video360p(), real15.video720p(), real15.video1080p()));
        assertThat(UsageSandboxListUsagesIT.figures(reply.usages().get(1)))
                .isEqualTo(SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 16)));
    }

    @Test
    void addsTheDayBeforeStartTimeWithNegativeAudioWhenAskedTo() {
        running.sandbox().faults(SandboxFaults.none().withUnprocessableDayOutsideWindow(true));

        Reply reply = running.client().listUsages(KEY_A, BODY_A, NOW);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(UsageSandboxListUsagesIT.timeStamps(reply.usages())).containsExactly(
                "2026-11-14T00:00:00+08:00", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00");
        DailyFigures real14 = SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 14));
        assertThat(UsageSandboxListUsagesIT.figures(reply.usages().get(0)))
                .isEqualTo(new DailyFigures(-1, real14.video360p(), real14.video720p(), real14.video1080p()));
        assertThat(UsageSandboxListUsagesIT.figures(reply.usages().get(1)))
                .isEqualTo(SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 15)));
    }

    @Test
    void holdsTheAnswerBackForTheLatency() {
        Duration latency = Duration.ofMillis(400);
        running.sandbox().faults(SandboxFaults.none().withLatency(latency));

        Reply reply = running.client().listUsages(KEY_A, BODY_A, NOW);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.elapsedNanos()).isGreaterThanOrEqualTo(latency.toNanos());
    }

    @Test
    void answersSlowRequestsConcurrently() throws Exception {
        Duration latency = Duration.ofMillis(800);
        running.sandbox().faults(SandboxFaults.none().withLatency(latency));

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 4)
                .mapToObj(i -> running.client().sendAsync(running.client().signed("POST", QUERY, i % 2 == 0 ? KEY_A : KEY_B,
                        i % 2 == 0 ? BODY_A : BODY_B, NOW).POST(publisher(i % 2 == 0 ? BODY_A : BODY_B)).build()))
                .toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        List<RecordedRequest> recorded = running.sandbox().requests();
        assertThat(recorded).hasSize(4).extracting(RecordedRequest::status).containsOnly(200);
        long spread = recorded.get(3).receivedNanos() - recorded.get(0).receivedNanos();
        assertThat(spread).as("all four arrived while the first was still held back").isLessThan(latency.toNanos());
    }

    @Test
    void restartsCountingWhenFaultsChangeAndCanBeSwitchedOff() {
        running.sandbox().faults(SandboxFaults.none().withFailEveryNth(1));
        assertThat(running.client().listUsages(KEY_A, BODY_A, NOW).status()).isEqualTo(500);

        running.sandbox().faults(SandboxFaults.none());

        assertThat(running.client().listUsages(KEY_B, BODY_B, NOW).status()).isEqualTo(200);
    }

    /** Requests alternating between the two keys, so no key exceeds the rate limit. */
    private List<Reply> alternatingKeys(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            Credentials key = i % 2 == 0 ? KEY_A : KEY_B;
            return running.client().listUsages(key, i % 2 == 0 ? BODY_A : BODY_B, NOW);
        }).toList();
    }
}
