package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.AnswerShape;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SyntheticUsage;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.Json;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Answers in every shape the API documents at once — newest first, fields this service does not
 * know, {@code Version} 2020-12-01, TimeStamps in UTC, idle days left out, the newest day twice —
 * are read as the API meant them: each reported day published once with its last figures, days
 * left out counted as not reported, and the run complete.
 */
@PipelineTest
@Import(FixedTime.class)
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=shapes.usage", "rtc-usage.kafka.dead-letter-topic=shapes.dead", "rtc-usage.window.days=8",
        "rtc-usage.accounts[0].name=shaped",
        "rtc-usage.accounts[0].access-key-id=AKLTanswershapes00000000000000001",
        "rtc-usage.accounts[0].secret-access-key=shapes-secret",
        "rtc-usage.accounts[0].app-ids=shape-1,shape-2"})
class AnswerShapesIT {

    private static final List<String> APPS = List.of("shape-1", "shape-2");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void everyDocumentedShapeIsReadAsMeant() {
        sandbox.answers(AnswerShape.volcengine().withNewestFirst(true).withUnknownFields(true)
                .withVersion(AnswerShape.DOC_EXAMPLE_VERSION).withTimeStampOffset(ZoneOffset.UTC)
                .withIdleDaysLeftOut(true).withDayRepeated(true));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(brokers, "shapes.usage");
        Map<String, JsonNode> byKey = records.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, record -> Json.parse(record.value())));
        assertThat(byKey).as("every day published once").hasSize(records.size());
        assertThat(summary.published()).as("the count is what reached Kafka").isEqualTo(records.size());
        assertThat(summary.isComplete()).as(summary.line()).isTrue();

        long idle = 0;
        for (String app : APPS) {
            for (LocalDate day = TODAY.minusDays(7); !day.isAfter(TODAY); day = day.plusDays(1)) {
                if (SyntheticUsage.idle(app, day)) {
                    idle++;
                    assertThat(byKey).doesNotContainKey(app + ":" + day);
                    continue;
                }
                JsonNode record = byKey.get(app + ":" + day);
                assertThat(record).as(app + ":" + day).isNotNull();
                assertThat(record.get("timestamp").asText()).as("TimeStamp as returned")
                        .isEqualTo(day.atStartOfDay().toInstant(ZoneOffset.ofHours(8)).toString());
                assertThat(record.get("minutes").get("audio").asLong()).as("the last entry of a repeated day")
                        .isEqualTo(SyntheticUsage.reportedAt(app, day, FixedTime.START.minus(Duration.ofHours(8))).audio());
            }
        }
        assertThat(idle).as("the synthetic usage has idle days in this window").isPositive();
        assertThat(summary.notReported()).isEqualTo(idle);
        assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsOnly(200).hasSize(APPS.size());
    }
}
