package com.rtcusage.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.PipelineTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Triggers from different sources (start-up, schedule, one-shot) all go to direct:sweep; while one
 * sweep runs, the sweep route refuses another instead of running two side by side.
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=second.usage", "rtc-usage.kafka.dead-letter-topic=second.dead", "rtc-usage.window.days=1",
        "rtc-usage.accounts[0].name=solo",
        "rtc-usage.accounts[0].access-key-id=AKLTsecondtrigger000000000000001",
        "rtc-usage.accounts[0].secret-access-key=second-trigger-secret",
        "rtc-usage.accounts[0].app-ids=slow-1,slow-2,slow-3"})
class SecondTriggerIT {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Test
    void aSecondTriggerWhileASweepRunsIsSkipped() throws Exception {
        // Two requests leave at once; the third 1 s later, so the sweep still runs when the first answer is in.
        sandbox.faults(SandboxFaults.none().withLatency(Duration.ofMillis(700)));
        CompletableFuture<SweepSummary> first = producer.asyncRequestBody("direct:sweep", (Object) null, SweepSummary.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !sandbox.requests().isEmpty() || first.isDone());

        SweepSummary second = producer.requestBody("direct:sweep", (Object) null, SweepSummary.class);

        assertThat(second).as("the second trigger is refused while the first sweep runs").isNull();
        SweepSummary completed = first.get();
        assertThat(completed.isComplete()).isTrue();
        assertThat(sandbox.requests()).hasSize(3); // one sweep: one request per app
    }
}
