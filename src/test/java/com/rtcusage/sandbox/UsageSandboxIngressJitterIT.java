package com.rtcusage.sandbox;

import static com.rtcusage.sandbox.SandboxFixture.KEY_A;
import static com.rtcusage.sandbox.SandboxFixture.NOW;
import static com.rtcusage.sandbox.SandboxFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.sandbox.SandboxTestClient.Reply;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ingress jitter delays a request before it arrives: the rate limiter counts, the look-back judges
 * and the request log records the arrival after the jitter, not when the client sent it.
 */
class UsageSandboxIngressJitterIT {

    private static final long ONE_SECOND = Duration.ofSeconds(1).toNanos();

    private UsageSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void countsARequestAgainstTheRateLimitWhenItArrivesNotWhenItWasSent() throws Exception {
        Duration jitter = Duration.ofMillis(1500);
        SandboxTestClient client = start(Clock.fixed(NOW, java.time.ZoneOffset.UTC), jitter, draws(0.999_999));
        List<String> starts = List.of("2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00", "2026-11-17T00:00:00+08:00");

        long sent = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> replies = starts.stream()
                .map(start -> client.sendAsync(client.signed("POST", SandboxTestClient.QUERY, KEY_A,
                        body("app-a1", start, "2026-11-18T00:00:00+08:00"), NOW)
                        .POST(SandboxTestClient.publisher(body("app-a1", start, "2026-11-18T00:00:00+08:00"))).build()))
                .toList();
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        // Three requests of one key sent at once: without the jitter the third would be refused.
        assertThat(replies).extracting(reply -> reply.join().statusCode()).containsExactly(200, 200, 200);
        List<RecordedRequest> recorded = sandbox.requests();
        assertThat(recorded).extracting(RecordedRequest::status).containsExactly(200, 200, 200);
        assertThat(recorded).extracting(RecordedRequest::receivedNanos).isSorted();
        assertThat(recorded).extracting(RecordedRequest::startTime).containsExactlyInAnyOrderElementsOf(starts);
        RecordedRequest delayed = recorded.get(2);
        assertThat(delayed.receivedNanos() - sent).isGreaterThanOrEqualTo(jitter.toNanos() - 1_000_000);
        assertThat(delayed.receivedNanos() - recorded.get(0).receivedNanos()).isGreaterThanOrEqualTo(ONE_SECOND);
    }

    @Test
    void refusesAWindowThatWasInTheLookBackWhenSentButNoLongerWhenItArrives() {
        // Beijing midnight starting 11-21; the clock runs in real time from 2 s before it.
        Instant midnight = Instant.parse("2026-11-20T16:00:00Z");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), midnight.minusSeconds(2)));
        SandboxTestClient client = start(clock, Duration.ofSeconds(3), draws(0.0, 0.999_999));
        String window = body("app-a1", "2026-10-22T00:00:00+08:00", "2026-10-23T00:00:00+08:00");

        Reply prompt = client.listUsages(KEY_A, window, clock.instant());
        Reply delayed = client.listUsages(KEY_A, window, clock.instant());

        assertThat(prompt.status()).as(prompt.body()).isEqualTo(200);
        assertThat(delayed.status()).as(delayed.body()).isEqualTo(400);
        assertThat(delayed.errorCode()).isEqualTo("InvalidParameter.OutofTimeRange");
        List<RecordedRequest> recorded = sandbox.requests();
        assertThat(recorded.get(0).receivedAt()).isBefore(midnight);
        assertThat(recorded.get(1).receivedAt()).isAfter(midnight);
        assertThat(recorded).extracting(RecordedRequest::startTime).containsOnly("2026-10-22T00:00:00+08:00");
        assertThat(recorded).extracting(RecordedRequest::endTime).containsOnly("2026-10-23T00:00:00+08:00");
        assertThat(recorded).extracting(RecordedRequest::accessKeyId).containsOnly(KEY_A.accessKeyId());
        assertThat(recorded).extracting(RecordedRequest::status).containsExactly(200, 400);
    }

    /** The given shares of the jitter, in the order requests draw them; 0 after that. */
    private static DoubleSupplier draws(double... shares) {
        AtomicInteger next = new AtomicInteger();
        return () -> {
            int i = next.getAndIncrement();
            return i < shares.length ? shares[i] : 0.0;
        };
    }

    private SandboxTestClient start(Clock clock, Duration jitter, DoubleSupplier draw) {
        sandbox = new UsageSandbox(SandboxFixture.settings(), clock, draw);
        sandbox.faults(SandboxFaults.none().withIngressJitter(jitter));
        sandbox.start();
        return new SandboxTestClient(sandbox.endpoint());
    }
}
