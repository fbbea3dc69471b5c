package com.rtcusage.stop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.sweep.SweepSummary;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 20 #13: a stop ends a retry's back-off at once. At the shipped retry settings (1 s, times
 * 2, at most 30 s) an app the API answers 500 every time is in an 8 s back-off after its 4th
 * attempt; the Lease lost then ends the sweep within 2 s. Before, Camel's redelivery delay was
 * waited out: about 8 s.
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=backoff.usage", "rtc-usage.kafka.dead-letter-topic=backoff.dead",
        "rtc-usage.window.days=1",
        "rtc-usage.retry.initial-delay=1s", "rtc-usage.retry.max-delay=30s",   // shipped (PipelineTest shortens them)
        "rtc-usage.accounts[0].name=backoff",
        "rtc-usage.accounts[0].access-key-id=AKLTbackofftest000000000000000001",
        "rtc-usage.accounts[0].secret-access-key=backoff-test-secret",
        "rtc-usage.accounts[0].app-ids=b1",
        "sandbox.accounts[0].access-key-id=AKLTbackofftest000000000000000001",
        "sandbox.accounts[0].secret-access-key=backoff-test-secret",
        "sandbox.accounts[0].app-ids=b1"})
class StopEndsBackOffIT {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    SweepGate gate;

    @Autowired
    RetryBackOff backOff;

    @AfterEach
    void leaderAgain() {
        gate.open(SweepGate.Reason.NOT_LEADER);
        sandbox.faults(SandboxFaults.none());
        sandbox.clearRequests();
    }

    @Test
    void theLeaseLostDuringABackOffEndsTheSweepAtOnce() throws Exception {
        assertThat(backOff.delay(4)).as("the shipped back-off after the 4th attempt").isEqualTo(Duration.ofSeconds(8));
        sandbox.faults(SandboxFaults.none().withFailEveryNth(1));

        CompletableFuture<SweepSummary> sweep = producer.asyncRequestBody("direct:sweep", null, SweepSummary.class);
        await("the 4th attempt answered 500").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> sandbox.requests().size() >= 4);
        long stopped = System.nanoTime();
        gate.close(SweepGate.Reason.NOT_LEADER);
        SweepSummary summary = sweep.get(30, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);

        assertThat(millis).as("ms from the stop to the sweep's end, in an 8 s back-off").isLessThan(2_000);
        assertThat(sandbox.requests()).as("no 5th attempt").hasSize(4);
        assertThat(summary.stoppedBy()).isEqualTo(SweepGate.Reason.NOT_LEADER.text());
        assertThat(summary.appsSkipped()).as(summary.line()).isEqualTo(1);
    }
}
