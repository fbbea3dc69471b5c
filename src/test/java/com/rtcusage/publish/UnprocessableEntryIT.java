package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.Json;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.RecordSchemas;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A well-formed 200 answer with one day no record can be made of (negative minutes): that day is
 * dead-lettered at once, the other days of the same answer are published, nothing is asked again.
 * The same answer also carries a malformed day outside the planned window: an anomaly to log, not
 * a failure, so it adds no dead letter.
 */
@PipelineTest
@Import(FixedTime.class)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=unprocessable.usage", "rtc-usage.kafka.dead-letter-topic=unprocessable.dead",
        "rtc-usage.window.days=3",
        "rtc-usage.accounts[0].name=solo",
        "rtc-usage.accounts[0].access-key-id=AKLTunprocessable0000000000000001",
        "rtc-usage.accounts[0].secret-access-key=solo-secret",
        "rtc-usage.accounts[0].app-ids=app-1,app-2",
        "sandbox.accounts[0].access-key-id=AKLTunprocessable0000000000000001",
        "sandbox.accounts[0].secret-access-key=solo-secret",
        "sandbox.accounts[0].app-ids=app-1,app-2"})
class UnprocessableEntryIT {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void deadLettersTheUnprocessableDayOfTheWindowAndPublishesTheOthers(CapturedOutput output) {
        sandbox.faults(SandboxFaults.none().withUnprocessableFirstDay(true).withUnprocessableDayOutsideWindow(true));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        // The window is 2026-11-24..26 (Beijing); the sandbox spoils the 24th of every app, and adds
        // a spoilt 23rd, outside the window, which is only logged.
        assertThat(output.getOut()).contains("Ignoring 2026-11-23 for app app-1", "Ignoring 2026-11-23 for app app-2");
        assertThat(summary.isComplete()).isFalse();
        assertThat(summary.line()).startsWith("Sweep INCOMPLETE");
        assertThat(summary.deadLetters()).isEqualTo(2);
        assertThat(summary.appsFailed()).isEqualTo(2);
        assertThat(summary.published()).isEqualTo(2 * (3 - 1));

        assertThat(TopicReader.readAll(brokers, "unprocessable.usage")).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("app-1:2026-11-25", "app-1:2026-11-26", "app-2:2026-11-25", "app-2:2026-11-26");

        List<RecordedRequest> requests = sandbox.requests();
        assertThat(requests).extracting(RecordedRequest::appId).containsExactlyInAnyOrder("app-1", "app-2"); // no retry
        Map<String, String> requestIds = requests.stream()
                .collect(Collectors.toMap(RecordedRequest::appId, RecordedRequest::requestId));

        List<ConsumerRecord<String, String>> deadLetters = TopicReader.readAll(brokers, "unprocessable.dead");
        assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("app-1", "app-2");
        for (ConsumerRecord<String, String> record : deadLetters) {
            RecordSchemas.assertValid(RecordSchemas.DEAD_LETTER, record.value());
            JsonNode letter = Json.parse(record.value());
            assertThat(letter.get("account").asText()).isEqualTo("solo");
            assertThat(letter.get("appId").asText()).isEqualTo(record.key());
            assertThat(letter.get("httpStatus").asInt()).isEqualTo(200);
            assertThat(letter.get("errorCode").asText()).isEqualTo("UnprocessableEntry");
            assertThat(letter.get("errorMessage").asText()).contains("Audio = -1");
            assertThat(letter.get("requestId").asText()).isEqualTo(requestIds.get(record.key()));
            assertThat(letter.get("attempts").asInt()).isEqualTo(1);
            JsonNode entry = Json.parse(letter.get("body").asText());
            assertThat(entry.get("TimeStamp").asText()).isEqualTo("2026-11-24T00:00:00+08:00");
            assertThat(entry.get("Audio").asLong()).isEqualTo(-1);
        }
    }
}
