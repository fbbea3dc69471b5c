package com.rtcusage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.usage.UsageRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 20, defect 8: a request let go by a stopping sweep holds no slot. When the sweep is open
 * again by the time it reaches the gate (the Lease was regained), it still sends nothing: the
 * third request of an account, released while it waited for its turn, never reaches the API.
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=released.usage", "rtc-usage.kafka.dead-letter-topic=released.dead",
        "rtc-usage.accounts[0].name=released",
        "rtc-usage.accounts[0].access-key-id=AKLTreleasedtest000000000000001",
        "rtc-usage.accounts[0].secret-access-key=released-test-secret-1",
        "rtc-usage.accounts[0].app-ids=r1,r2,r3"})
class ReleasedDepartureIT {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    DeparturePacing pacing;

    @Test
    void aRequestReleasedWhileWaitingNeverLeavesEvenWithTheSweepOpen() throws Exception {
        sandbox.clearRequests();
        List<CompletableFuture<Exchange>> calls = Stream.of("r1", "r2", "r3").map(this::call).toList();
        // Two take the account's slots; the third waits about 1 s for its turn.
        await().atMost(Duration.ofSeconds(10)).until(() -> pacing.waiting("released") == 1);

        pacing.releaseWaiting();   // as a closing gate does; the gate itself stays open

        for (CompletableFuture<Exchange> call : calls) {
            call.get(20, TimeUnit.SECONDS);
        }
        assertThat(sandbox.requests()).as("only the two paced requests reached the API").hasSize(2);
    }

    private CompletableFuture<Exchange> call(String app) {
        return producer.asyncSend(FlowNames.CALL_LIST_USAGES, exchange -> {
            exchange.setProperty(FlowNames.USAGE_REQUEST, new UsageRequest("released", app));
            exchange.setProperty(FlowNames.API_ATTEMPTS, 0);
        });
    }
}
