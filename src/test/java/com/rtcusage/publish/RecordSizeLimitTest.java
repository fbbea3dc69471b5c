package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

/** The size a record is judged by is never below what Kafka's own batch of it takes, and close to it. */
class RecordSizeLimitTest {

    @Test
    void theUpperBoundCoversKafkasOwnBatchOfTheRecord() {
        String value = "{\"account\":\"prod\",\"appId\":\"661e****543cf\",\"day\":\"2026-11-25\"}".repeat(20);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(KafkaConstants.KEY, "661e****543cf:2026-11-25");
        headers.put("ce_id", "5b0c3f4e-8f57-3a5c-9f0e-6f7d2c1b9a11");
        headers.put("ce_source", "/volcengine/rtc/apps/661e****543cf");
        headers.put("content-type", "application/json");
        headers.put("CamelMessageTimestamp", "not sent");
        headers.put("kafka.PARTITION_KEY", "not sent");

        int bound = RecordSizeLimit.upperBound(value, headers);

        int actual = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(System.currentTimeMillis(),
                bytes("661e****543cf:2026-11-25"), bytes(value), new Header[] {
                        new RecordHeader("ce_id", bytes("5b0c3f4e-8f57-3a5c-9f0e-6f7d2c1b9a11")),
                        new RecordHeader("ce_source", bytes("/volcengine/rtc/apps/661e****543cf")),
                        new RecordHeader("content-type", bytes("application/json"))})).sizeInBytes();
        assertThat(bound).isGreaterThanOrEqualTo(actual).isLessThanOrEqualTo(actual + 64);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
