package com.rtcusage.sweep;

import com.rtcusage.stop.SweepGate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.PipelineTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A sweep stopped while apps wait for their departure (here: leadership lost) counts those apps as
 * not asked, and no attempt that the gate stopped as an API request: the summary's "ok" and
 * {@code rtc_usage_api_requests_total{outcome="ok"}} are exactly the apps and requests answered.
 */
@PipelineTest
@Import(FixedTime.class)
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=stopped.usage", "rtc-usage.kafka.dead-letter-topic=stopped.dead",
        "rtc-usage.window.days=1",
        "rtc-usage.accounts[0].name=stopped",
        "rtc-usage.accounts[0].access-key-id=AKLTstoppedsweeptest0000000000001",
        "rtc-usage.accounts[0].secret-access-key=stopped-sweep-secret",
        "rtc-usage.accounts[0].app-ids=s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,s12",
        "sandbox.accounts[0].access-key-id=AKLTstoppedsweeptest0000000000001",
        "sandbox.accounts[0].secret-access-key=stopped-sweep-secret",
        "sandbox.accounts[0].app-ids=s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,s12"})
class StoppedSweepCountsIT {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    SweepGate gate;

    @Autowired
    MeterRegistry registry;

    @AfterEach
    void leaderAgain() {
        gate.open(SweepGate.Reason.NOT_LEADER);
    }

    @Test
    void appsStoppedWhileWaitingForTheirDepartureAreNotAskedNotOk() throws Exception {
        CompletableFuture<SweepSummary> sweep = producer.asyncRequestBody("direct:sweep", null, SweepSummary.class);
        await("three requests answered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> sandbox.requests().size() >= 3);
        gate.close(SweepGate.Reason.NOT_LEADER);
        SweepSummary summary = sweep.get(60, TimeUnit.SECONDS);

        Set<String> answered = sandbox.requests().stream().filter(request -> request.status() == 200)
                .map(RecordedRequest::appId).collect(Collectors.toSet());
        assertThat(summary.stoppedBy()).isEqualTo(SweepGate.Reason.NOT_LEADER.text());
        assertThat(answered).as("stopped before the last app").hasSizeLessThan(12);
        assertThat(summary.appsPlanned() - summary.appsFailed() - summary.appsSkipped()).as("apps ok: " + summary.line())
                .isEqualTo(answered.size());
        assertThat(summary.appsSkipped()).isEqualTo(12 - answered.size());
        double ok = registry.find("rtc_usage.api.requests").tag("outcome", "ok").counters().stream()
                .mapToDouble(Counter::count).sum();
        assertThat(ok).as("attempts counted ok").isEqualTo(sandbox.requests().stream().filter(r -> r.status() == 200).count());
    }
}
