package com.rtcusage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.DailyFigures;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SyntheticUsage;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.CloudEventAssertions;
import com.rtcusage.support.CloudEventReader;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.Json;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.RecordSchemas;
import com.rtcusage.support.RunningClock;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import io.cloudevents.CloudEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * One real sweep of the local accounts (demo-a: 3 apps, demo-b: 2 apps) through the real routes,
 * the sandbox and a real broker; every assertion is on records read back from the topic. Service
 * and sandbox run on a clock from 11:00 in Beijing, so today has figures whatever the hour.
 */
@PipelineTest
@TestPropertySource(properties = {"rtc-usage.kafka.topic=e2e.usage", "rtc-usage.kafka.dead-letter-topic=e2e.dead"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Import(PipelineEndToEndIT.FromElevenInBeijing.class)
class PipelineEndToEndIT {

    private static final Set<String> APPS = Set.of("demo-app-a1", "demo-app-a2", "demo-app-a3", "demo-app-b1", "demo-app-b2");

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    Clock clock;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    @Order(1)
    void publishesOnePricedRecordPerAppAndPlannedDay() throws Exception {
        Instant before = clock.instant();
        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(brokers, "e2e.usage");
        assertThat(summary.isComplete()).isTrue();
        assertThat(summary.published()).isEqualTo(APPS.size() * 30L);
        assertThat(records).hasSize(APPS.size() * 30);
        assertThat(TopicReader.readAll(brokers, "e2e.dead")).isEmpty();

        LocalDate today = LocalDate.ofInstant(before, ZoneOffset.ofHours(8));
        Set<String> expectedKeys = APPS.stream()
                .flatMap(app -> today.minusDays(29).datesUntil(today.plusDays(1)).map(day -> app + ":" + day))
                .collect(Collectors.toSet());
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(expectedKeys);

        Map<String, String> requestIdByApp = new HashMap<>();
        for (RecordedRequest request : sandbox.requests()) {
            assertThat(request.status()).isEqualTo(200);
            requestIdByApp.put(request.appId(), request.requestId());
        }
        assertThat(requestIdByApp).containsOnlyKeys(APPS);

        for (ConsumerRecord<String, String> record : records) {
            assertRecord(record, requestIdByApp);
        }
    }

    @Test
    @Order(2)
    void publishesNothingWhenTheSameWindowIsSweptAgainUnchanged() {
        Set<String> before = TopicReader.readAll(brokers, "e2e.usage").stream().map(PipelineEndToEndIT::position)
                .collect(Collectors.toSet());

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        // Only today's partial figures may have grown in between; every settled day is unchanged.
        List<ConsumerRecord<String, String>> after = TopicReader.readAll(brokers, "e2e.usage");
        assertThat(summary.isComplete()).isTrue();
        assertThat(summary.unchanged()).isGreaterThanOrEqualTo(APPS.size() * 28L);
        List<ConsumerRecord<String, String>> added = after.stream().filter(record -> !before.contains(position(record))).toList();
        assertThat(added).hasSize((int) summary.published()).hasSizeLessThanOrEqualTo(APPS.size() * 2);
        added.forEach(record -> assertThat(record.value()).contains("\"final\":false"));
    }

    @Test
    @Order(3)
    void everyPublishedRecordReadsAsTheContractsCloudEvent() {
        List<ConsumerRecord<String, CloudEvent>> events = CloudEventReader.readAll(brokers, "e2e.usage");

        assertThat(events).hasSizeGreaterThanOrEqualTo(APPS.size() * 30);
        events.forEach(CloudEventAssertions::assertUsageEvent);
        CloudEventAssertions.assertIdsFollowContent(events);
    }

    @TestConfiguration
    static class FromElevenInBeijing {

        @Bean
        @Primary
        RunningClock runningClock() {
            return new RunningClock(FixedTime.START);
        }
    }

    private void assertRecord(ConsumerRecord<String, String> record, Map<String, String> requestIdByApp) throws Exception {
        RecordSchemas.assertValid(RecordSchemas.USAGE_RECORD, record.value());
        JsonNode value = Json.parse(record.value());
        String appId = value.get("appId").asText();
        LocalDate day = LocalDate.parse(value.get("day").asText());
        Instant fetchedAt = Instant.parse(value.get("fetchedAt").asText());
        boolean settled = !fetchedAt.isBefore(SyntheticUsage.startOf(day.plusDays(1)).plus(Duration.ofHours(8)));

        assertThat(record.key()).isEqualTo(appId + ":" + day);
        assertThat(value.get("account").asText()).isEqualTo(appId.startsWith("demo-app-a") ? "demo-a" : "demo-b");
        assertThat(value.get("timestamp").asText()).isEqualTo(day + "T00:00:00+08:00");
        assertThat(value.get("requestId").asText()).isEqualTo(requestIdByApp.get(appId));
        assertThat(value.get("final").asBoolean()).isEqualTo(settled);
        assertThat(value.get("fetchedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        JsonNode minutes = value.get("minutes");
        DailyFigures reported = new DailyFigures(minutes.get("audio").asLong(), minutes.get("video360p").asLong(),
                minutes.get("video720p").asLong(), minutes.get("video1080p").asLong());
        if (settled) {
            assertThat(reported).isEqualTo(SyntheticUsage.fullDay(appId, day));
        } else {
            Instant cutoff = fetchedAt.minus(Duration.ofHours(8));
            assertThat(reported.audio()).isBetween(
                    SyntheticUsage.reportedAt(appId, day, cutoff.minusSeconds(10)).audio(),
                    SyntheticUsage.reportedAt(appId, day, cutoff).audio());
        }

        JsonNode cost = value.get("cost");
        assertThat(cost.get("currency").asText()).isEqualTo("USD");
        BigDecimal audio = money(reported.audio(), "0.99");
        BigDecimal v360 = money(reported.video360p(), "1.99");
        BigDecimal v720 = money(reported.video720p(), "3.99");
        BigDecimal v1080 = money(reported.video1080p(), "8.99");
        assertThat(cost.get("audio").asText()).isEqualTo(audio.toPlainString());
        assertThat(cost.get("video360p").asText()).isEqualTo(v360.toPlainString());
        assertThat(cost.get("video720p").asText()).isEqualTo(v720.toPlainString());
        assertThat(cost.get("video1080p").asText()).isEqualTo(v1080.toPlainString());
        assertThat(cost.get("total").asText()).isEqualTo(audio.add(v360).add(v720).add(v1080).toPlainString());
        assertThat(cost.get("book").asText()).as("the local accounts have no books of their own").isEqualTo("2020-01-01");

        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsOnlyKeys("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "content-type");
        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/volcengine/rtc/apps/" + appId)
                .containsEntry("ce_type", "com.volcengine.rtc.usage.daily.v1")
                .containsEntry("ce_time", value.get("fetchedAt").asText())
                .containsEntry("content-type", "application/json");
        assertThat(headers.get("ce_id")).matches("[0-9a-f-]{36}");
    }

    private static String position(ConsumerRecord<String, String> record) {
        return record.partition() + "@" + record.offset();
    }

    private static BigDecimal money(long minutes, String price) {
        return BigDecimal.valueOf(minutes).multiply(new BigDecimal(price)).divide(BigDecimal.valueOf(1000), 6, RoundingMode.HALF_EVEN);
    }
}
