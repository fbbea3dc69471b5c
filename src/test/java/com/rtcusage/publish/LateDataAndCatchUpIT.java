package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.SyntheticUsage;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.Json;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Figures inside the API's 8-hour delay are published as not final and published again as they
 * grow and settle; unchanged figures are never published twice; after a long downtime the next
 * sweep fills every missing day. Time is fixed and moved by the test, for service and sandbox.
 */
@PipelineTest
@Import(FixedTime.class)
@TestPropertySource(properties = {"rtc-usage.kafka.topic=late.usage", "rtc-usage.kafka.dead-letter-topic=late.dead"})
class LateDataAndCatchUpIT {

    private static final int APPS = 5;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    MovableClock clock;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void lateFiguresAreRepublishedUntilFinalAndADowntimeIsCaughtUp() {
        // 07:00 in Beijing on 11-26: yesterday is 23/24 reported and not final, today not reported at all yet.
        clock.set(Instant.parse("2026-11-25T23:00:00Z"));
        SweepSummary first = sweep();
        assertThat(first.published()).isEqualTo(APPS * 29L);
        assertThat(first.notReported()).isEqualTo(APPS);
        assertThat(first.isComplete()).as("a day the API did not report is no failure").isTrue();
        JsonNode yesterday = latest("demo-app-a1:2026-11-25");
        assertThat(yesterday.get("final").asBoolean()).isFalse();
        assertThat(yesterday.get("minutes").get("audio").asLong())
                .isEqualTo(SyntheticUsage.reportedAt("demo-app-a1", LocalDate.parse("2026-11-25"), Instant.parse("2026-11-25T15:00:00Z")).audio())
                .isLessThan(SyntheticUsage.fullDay("demo-app-a1", LocalDate.parse("2026-11-25")).audio());
        assertThat(TopicReader.readAll(brokers, "late.usage")).noneMatch(record -> record.key().endsWith(":2026-11-26"));

        // Same moment again: nothing changed, nothing is published.
        SweepSummary repeat = sweep();
        assertThat(repeat.published()).isZero();
        assertThat(repeat.unchanged()).isEqualTo(APPS * 29L);

        // 08:30 in Beijing: yesterday is complete and final, today has its first 30 minutes of figures; the rest is unchanged.
        clock.set(Instant.parse("2026-11-26T00:30:00Z"));
        SweepSummary settled = sweep();
        assertThat(settled.published()).isEqualTo(APPS * 2L);
        JsonNode finalYesterday = latest("demo-app-a1:2026-11-25");
        assertThat(finalYesterday.get("final").asBoolean()).isTrue();
        assertThat(finalYesterday.get("minutes").get("audio").asLong())
                .isEqualTo(SyntheticUsage.fullDay("demo-app-a1", LocalDate.parse("2026-11-25")).audio());

        // Down for 20 days: the next sweep fills all 20 missing days (and settles 11-26).
        clock.advance(Duration.ofDays(20));
        SweepSummary caughtUp = sweep();
        assertThat(caughtUp.isComplete()).isTrue();
        assertThat(caughtUp.published()).isEqualTo(APPS * 21L);

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(brokers, "late.usage");
        Set<String> keys = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        for (LocalDate day = LocalDate.parse("2026-10-28"); !day.isAfter(LocalDate.parse("2026-12-16")); day = day.plusDays(1)) {
            assertThat(keys).contains("demo-app-b2:" + day);
        }
        assertThat(latest("demo-app-b2:2026-11-26").get("final").asBoolean()).isTrue();
        assertNoKeyRepeatsItsContent(records);
    }

    private SweepSummary sweep() {
        return producer.requestBody("direct:sweep", null, SweepSummary.class);
    }

    /** The latest record of a key: within a partition, offsets are in publishing order. */
    private JsonNode latest(String key) {
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(brokers, "late.usage").stream()
                .filter(record -> record.key().equals(key)).toList();
        assertThat(records).isNotEmpty();
        return Json.parse(records.get(records.size() - 1).value());
    }

    /** Never a double publish of unchanged data: consecutive records of a key differ in content. */
    static void assertNoKeyRepeatsItsContent(List<ConsumerRecord<String, String>> records) {
        Map<String, List<String>> contentIds = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(record -> new String(record.headers().lastHeader("ce_id").value()), Collectors.toList())));
        contentIds.forEach((key, ids) -> assertThat(ids).as(key).doesNotHaveDuplicates());
    }
}
