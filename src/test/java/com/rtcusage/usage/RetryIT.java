package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static com.rtcusage.support.RateLimitAssertions.assertAtMostTwoPerSecondPerAccount;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.Json;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.RecordSchemas;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Answers that may succeed later (500, garbage, 429, timeouts) are asked again with back-off,
 * and every retry passes the per-account pacing and throttle again.
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=retry.usage", "rtc-usage.kafka.dead-letter-topic=retry.dead",
        "rtc-usage.window.days=3", "rtc-usage.retry.max-retries=2", "rtc-usage.api.read-timeout=400ms",
        // One account: its requests are strictly sequential, so "every 2nd request fails" hits each app at most once.
        "rtc-usage.accounts[0].name=solo",
        "rtc-usage.accounts[0].access-key-id=AKLTretrytest00000000000000000001",
        "rtc-usage.accounts[0].secret-access-key=retry-test-secret",
        "rtc-usage.accounts[0].app-ids=r1,r2,r3"})
class RetryIT {

    private static final int APPS = 3;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    MeterRegistry registry;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @BeforeEach
    void calmSandbox() {
        sandbox.faults(SandboxFaults.none());
        sandbox.clearRequests();
    }

    @Test
    void serverErrorsAreRetriedUntilEveryAppIsPublished() {
        sandbox.faults(SandboxFaults.none().withFailEveryNth(2));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        assertThat(summary.isComplete()).as(summary.line()).isTrue();
        assertThat(sandbox.requests()).filteredOn(request -> request.status() == 500).isNotEmpty();
        assertEveryAppEndedWith200();
        assertAtMostTwoPerSecondPerAccount(sandbox.requests());
    }

    @Test
    void unreadableAnswersAreRetried() {
        sandbox.faults(SandboxFaults.none().withGarbageEveryNth(2));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        assertThat(summary.isComplete()).as(summary.line()).isTrue();
        assertThat(sandbox.requests()).hasSizeGreaterThan(APPS);
        assertEveryAppEndedWith200();
        assertAtMostTwoPerSecondPerAccount(sandbox.requests());
    }

    @Test
    void throttledAnswersAreRetriedAndRaiseTheAccountsMargin() {
        sandbox.faults(SandboxFaults.none().withThrottleNext(2));
        double marginBefore = arrivalMargin();

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        assertThat(summary.isComplete()).as(summary.line()).isTrue();
        assertThat(sandbox.requests()).filteredOn(request -> request.status() == 429).hasSize(2);
        assertEveryAppEndedWith200();
        assertAtMostTwoPerSecondPerAccount(sandbox.requests());
        // Each 429 doubles the margin, and a sweep with one does not bring it back.
        assertThat(marginBefore).isGreaterThanOrEqualTo(0.080);
        assertThat(arrivalMargin()).isEqualTo(Math.min(1.0, 4 * marginBefore), within(1e-9));
    }

    private double arrivalMargin() {
        return registry.get("rtc_usage.api.arrival.margin").tag("account", "solo").gauge().value();
    }

    @Test
    void timeoutsAreRetriedThenDeadLetteredWithTheirAttempts() throws Exception {
        int deadBefore = TopicReader.readAll(brokers, "retry.dead").size();
        sandbox.faults(SandboxFaults.none().withLatency(Duration.ofMillis(800)));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        assertThat(summary.isComplete()).isFalse();
        assertThat(summary.appsFailed()).isEqualTo(APPS);
        // The sandbox logs a request once it has answered, after the client already gave up on it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sandbox.requests()).hasSize(APPS * 3));
        List<ConsumerRecord<String, String>> dead = TopicReader.readAll(brokers, "retry.dead");
        assertThat(dead).hasSize(deadBefore + APPS);
        for (ConsumerRecord<String, String> record : dead.subList(deadBefore, dead.size())) {
            RecordSchemas.assertValid(RecordSchemas.DEAD_LETTER, record.value());
            JsonNode letter = Json.parse(record.value());
            assertThat(record.key()).isEqualTo(letter.get("appId").asText());
            assertThat(letter.get("errorCode").asText()).isEqualTo("Timeout");
            assertThat(letter.get("attempts").asInt()).isEqualTo(3);
            assertThat(letter.get("httpStatus").isNull()).isTrue();
        }
        assertAtMostTwoPerSecondPerAccount(sandbox.requests());
    }

    private void assertEveryAppEndedWith200() {
        Map<String, List<RecordedRequest>> byApp = sandbox.requests().stream()
                .collect(Collectors.groupingBy(RecordedRequest::appId));
        assertThat(byApp).hasSize(APPS);
        byApp.values().forEach(requests -> assertThat(requests.get(requests.size() - 1).status()).isEqualTo(200));
    }
}
