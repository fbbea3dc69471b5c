package com.rtcusage.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.PipelineTest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An account has at most 8 apps in the flow at once: with answers that take 6 s, its first 8
 * requests leave at the pace (two per 1.08 s, the 8th after about 3.2 s), the 9th only once the
 * first app has left the flow, 6 s after it was sent. Without that bound the 9th would leave at
 * about 4.3 s. Judged on the sandbox's recorded arrival times.
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=admission.usage", "rtc-usage.kafka.dead-letter-topic=admission.dead",
        "rtc-usage.window.days=1",
        "rtc-usage.accounts[0].name=many",
        "rtc-usage.accounts[0].access-key-id=AKLTadmissiontest00000000000001",
        "rtc-usage.accounts[0].secret-access-key=admission-test-secret-1",
        "rtc-usage.accounts[0].app-ids=m1,m2,m3,m4,m5,m6,m7,m8,m9,m10"})
class AppAdmissionIT {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @AfterEach
    void calmSandbox() {
        sandbox.faults(SandboxFaults.none());
        sandbox.clearRequests();
    }

    @Test
    void theNinthAppEntersOnlyWhenTheFirstHasLeft() {
        sandbox.faults(SandboxFaults.none().withLatency(Duration.ofSeconds(6)));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        List<RecordedRequest> arrivals = sandbox.requests().stream()
                .sorted(Comparator.comparingLong(RecordedRequest::receivedNanos)).toList();
        assertThat(summary.isComplete()).as(summary.line()).isTrue();
        assertThat(arrivals).hasSize(10);
        long first = arrivals.get(0).receivedNanos();
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(7).receivedNanos() - first))
                .as("the 8th arrival, ms after the first").isLessThan(4_500);
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(8).receivedNanos() - first))
                .as("the 9th arrival, ms after the first").isGreaterThanOrEqualTo(5_900);
    }
}
