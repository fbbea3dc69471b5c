package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.Json;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * An answer that trickles in never lets {@code read-timeout} fire (a piece arrives every 300 ms,
 * the read timeout is 5 s), yet the whole of it takes several seconds. The answer's deadline
 * ({@code answer-timeout}, 1 s here) ends each attempt as a {@code Timeout}: retried, then dead-lettered.
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=trickle.usage", "rtc-usage.kafka.dead-letter-topic=trickle.dead",
        "rtc-usage.window.days=3", "rtc-usage.retry.max-retries=1",
        "rtc-usage.api.read-timeout=5s", "rtc-usage.api.answer-timeout=1s",
        "rtc-usage.accounts[0].name=trickle",
        "rtc-usage.accounts[0].access-key-id=AKLTtrickletest000000000000000001",
        "rtc-usage.accounts[0].secret-access-key=trickle-test-secret",
        "rtc-usage.accounts[0].app-ids=t1"})
class TrickledAnswerIT {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration PIECE_PAUSE = Duration.ofMillis(300);

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void anAnswerThatTricklesPastItsDeadlineIsATimeoutRetriedThenDeadLettered() {
        sandbox.clearRequests();
        sandbox.faults(SandboxFaults.none().withTrickle(PIECE_PAUSE));
        try {
            SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);
            long sweepEnded = System.nanoTime();

            assertThat(summary.appsFailed()).as(summary.line()).isEqualTo(1);
            List<RecordedRequest> requests = sandbox.requests();
            assertThat(requests).as("the first attempt and one retry").hasSize(2);
            // Each attempt ended at its deadline: not sooner, and long before the read timeout (5 s) or the
            // trickle's end. The retry left after the first deadline plus a 100 ms back-off; the sweep ended
            // after the second deadline plus the dead letter's write.
            Duration firstAttempt = Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos());
            Duration secondAttempt = Duration.ofNanos(sweepEnded - requests.get(1).receivedNanos());
            assertThat(firstAttempt).isBetween(ANSWER_TIMEOUT, ANSWER_TIMEOUT.plusMillis(1500));
            assertThat(secondAttempt).isBetween(ANSWER_TIMEOUT, ANSWER_TIMEOUT.plusSeconds(3));

            List<ConsumerRecord<String, String>> dead = TopicReader.readAll(brokers, "trickle.dead");
            assertThat(dead).hasSize(1);
            JsonNode letter = Json.parse(dead.get(0).value());
            assertThat(letter.get("errorCode").asText()).isEqualTo("Timeout");
            assertThat(letter.get("attempts").asInt()).isEqualTo(2);
            assertThat(letter.get("errorMessage").asText()).contains("not complete within 1s (rtc-usage.api.answer-timeout)");
            assertThat(TopicReader.readAll(brokers, "trickle.usage")).isEmpty();
        } finally {
            sandbox.faults(SandboxFaults.none());
        }
    }

    @Test
    void aWholeAnswerWithinItsDeadlineIsPublished() {
        sandbox.clearRequests();
        sandbox.faults(SandboxFaults.none().withTrickle(Duration.ofMillis(5)));
        try {
            SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

            assertThat(summary.isComplete()).as(summary.line()).isTrue();
            assertThat(sandbox.requests()).hasSize(1);
            assertThat(TopicReader.readAll(brokers, "trickle.usage")).isNotEmpty();
        } finally {
            sandbox.faults(SandboxFaults.none());
        }
    }
}
