package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.sweep.SweepSummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Accounts do not wait for each other, however slowly the API answers: 30 accounts of 2 apps each
 * may all have both requests in flight at once, so with answers that take 1 s all 60 arrive
 * together. A pool of threads or HTTP connections smaller than the accounts' requests in flight
 * (the HTTP client's default was 20 connections per host) would let them arrive in waves, 1 s apart.
 * Judged on the sandbox's recorded arrival times.
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=in-flight.usage", "rtc-usage.kafka.dead-letter-topic=in-flight.dead",
        "rtc-usage.window.days=1"})
class ManyAccountsInFlightIT {

    private static final int ACCOUNTS = 30;

    @DynamicPropertySource
    static void accounts(DynamicPropertyRegistry registry) {
        for (int a = 0; a < ACCOUNTS; a++) {
            String account = "rtc-usage.accounts[" + a + "].";
            int number = a;
            registry.add(account + "name", () -> "team-" + number);
            registry.add(account + "access-key-id", () -> String.format("AKLTinflight%020d", number));
            registry.add(account + "secret-access-key", () -> "in-flight-secret-" + number);
            registry.add(account + "app-ids", () -> "t" + number + "a,t" + number + "b");
        }
    }

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
    void everyAccountsRequestsAreInFlightAtOnce() {
        sandbox.faults(SandboxFaults.none().withLatency(Duration.ofSeconds(1)));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        List<RecordedRequest> requests = sandbox.requests();
        assertThat(summary.isComplete()).as(summary.line()).isTrue();
        assertThat(requests).hasSize(2 * ACCOUNTS).allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        long first = requests.stream().mapToLong(RecordedRequest::receivedNanos).min().orElseThrow();
        long last = requests.stream().mapToLong(RecordedRequest::receivedNanos).max().orElseThrow();
        assertThat(TimeUnit.NANOSECONDS.toMillis(last - first))
                .as("from the first arrival to the last, ms (in waves: 1,000 or more); arrivals: %s",
                        requests.stream().map(r -> TimeUnit.NANOSECONDS.toMillis(r.receivedNanos() - first) + " " + r.appId()).toList())
                .isLessThan(700);
    }
}
