package com.rtcusage.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.PipelineTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The real Quartz trigger fires every second while each sweep (one app, a 2.5 s answer) takes
 * longer: sweeps never overlap, and once they are quick again the triggers missed meanwhile do
 * not come back as a burst (Quartz would fire every one missed by less than its misfire
 * threshold, 60 s by default; application.yaml sets 1 s).
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.schedule.cron=* * * * * ?",
        "rtc-usage.kafka.topic=overlap.usage", "rtc-usage.kafka.dead-letter-topic=overlap.dead",
        "rtc-usage.window.days=1", "rtc-usage.api.read-timeout=10s",
        "rtc-usage.accounts[0].name=solo",
        "rtc-usage.accounts[0].access-key-id=AKLToverlaptest00000000000000001",
        "rtc-usage.accounts[0].secret-access-key=overlap-secret",
        "rtc-usage.accounts[0].app-ids=slow-app"})
class NoOverlapIT {

    private static final Duration SLOW_ANSWER = Duration.ofMillis(2500);

    @Autowired
    UsageSandbox sandbox;

    @Test
    void aSweepNeverStartsWhileThePreviousOneRunsAndMissedTriggersDoNotPileUp() {
        sandbox.faults(SandboxFaults.none().withLatency(SLOW_ANSWER));
        sandbox.clearRequests();
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.requests().size() >= 4);
        List<RecordedRequest> slow = sandbox.requests().subList(0, 4);

        sandbox.faults(SandboxFaults.none());
        int quickFrom = sandbox.requests().size();
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.requests().size() >= quickFrom + 6);
        List<RecordedRequest> quick = sandbox.requests().subList(quickFrom, quickFrom + 6);

        for (int i = 1; i < slow.size(); i++) {
            assertThat(slow.get(i).receivedNanos() - slow.get(i - 1).receivedNanos())
                    .as("a sweep started only after the previous one had its answer")
                    .isGreaterThanOrEqualTo(SLOW_ANSWER.toNanos());
        }
        // A missed trigger or two may fire as soon as the slow sweep ends; a backlog (two more per
        // slow sweep) would fire back to back, 0.5 s apart (the pacing): six in 2.5 s, where the
        // once-a-second cadence needs about 4.5 s.
        assertThat(quick.get(5).receivedNanos() - quick.get(0).receivedNanos())
                .as("quick sweeps follow the once-a-second trigger, not a backlog of missed ones")
                .isGreaterThanOrEqualTo(Duration.ofMillis(3500).toNanos());
    }
}
