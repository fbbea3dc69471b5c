package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.pricing.Cost;
import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.usage.DailyUsage;
import com.rtcusage.usage.TierMinutes;
import com.rtcusage.wire.WireJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.component.kafka.KafkaConstants;
import org.junit.jupiter.api.Test;

/** The record of an app-day: value, key and CloudEvents headers, and a ce_id that only content moves. */
class RecordWriterTest {

    private final RecordWriter writer = new RecordWriter();

    @Test
    void writesTheValueAndHeadersOfTheContract() throws Exception {
        Map<String, Object> headers = new HashMap<>();
        writer.identify(priced("661e/543cf", "0.000000"), headers);
        JsonNode value = WireJson.MAPPER.readTree(writer.write(priced("661e/543cf", "0.000000"), headers));

        assertThat(value.toString()).isEqualTo("""
                {"account":"prod","appId":"661e/543cf","day":"2021-07-24","timestamp":"2021-07-24T00:00:00+08:00",\
                "minutes":{"audio":12345,"video360p":123456,"video720p":11111,"video1080p":12321},\
                "cost":{"currency":"USD","audio":"12.221550","video360p":"245.677440","video720p":"44.332890",\
                "video1080p":"0.000000","total":"302.231880","book":"2020-01-01"},"final":true,"fetchedAt":"2026-11-26T03:00:00.123Z",\
                "requestId":"r-1"}""");
        assertThat(headers).containsEntry(KafkaConstants.KEY, "661e/543cf:2021-07-24")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/volcengine/rtc/apps/661e%2F543cf")
                .containsEntry("ce_type", "com.volcengine.rtc.usage.daily.v1")
                .containsEntry("ce_time", "2026-11-26T03:00:00.123Z")
                .containsEntry("content-type", "application/json");
    }

    /**
     * Consumers deduplicate by ce_id across versions of this service: its input must never drift.
     * {@code cost.book} is part of the cost, so it is content (docs/contract.md, upgrade note).
     */
    @Test
    void ceIdIsTheNameBasedUuidOfKeyMinutesCostAndFinality() throws Exception {
        Map<String, Object> headers = new HashMap<>();
        writer.identify(priced("app-1", "0.000000"), headers);

        String content = "[\"app-1:2021-07-24\",{\"audio\":12345,\"video360p\":123456,\"video720p\":11111,\"video1080p\":12321},"
                + "{\"currency\":\"USD\",\"audio\":\"12.221550\",\"video360p\":\"245.677440\",\"video720p\":\"44.332890\","
                + "\"video1080p\":\"0.000000\",\"total\":\"302.231880\",\"book\":\"2020-01-01\"},true]";
        assertThat(headers.get(RecordWriter.CE_ID))
                .isEqualTo(UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void onlyContentMovesCeId() throws Exception {
        Map<String, Object> first = new HashMap<>();
        Map<String, Object> again = new HashMap<>();
        Map<String, Object> changed = new HashMap<>();
        writer.identify(priced("app-1", "0.000000"), first);
        writer.identify(priced("app-1", "0.000000"), again);
        writer.identify(priced("app-1", "0.000001"), changed);

        assertThat(again.get(RecordWriter.CE_ID)).isEqualTo(first.get(RecordWriter.CE_ID));
        assertThat(changed.get(RecordWriter.CE_ID)).isNotEqualTo(first.get(RecordWriter.CE_ID));
    }

    /** A day priced by another book is new content even at the same amounts: the record says which book priced it. */
    @Test
    void anotherBookMovesCeIdEvenAtTheSameAmounts() throws Exception {
        Map<String, Object> listPrices = new HashMap<>();
        Map<String, Object> newBook = new HashMap<>();
        writer.identify(priced("app-1", "0.000000", "2020-01-01"), listPrices);
        writer.identify(priced("app-1", "0.000000", "2026-11-01"), newBook);

        assertThat(newBook.get(RecordWriter.CE_ID)).isNotEqualTo(listPrices.get(RecordWriter.CE_ID));
    }

    private static PricedUsage priced(String appId, String video1080p) {
        return priced(appId, video1080p, "2020-01-01");
    }

    private static PricedUsage priced(String appId, String video1080p, String book) {
        DailyUsage usage = new DailyUsage("prod", appId, LocalDate.of(2021, 7, 24), "2021-07-24T00:00:00+08:00",
                new TierMinutes(12345, 123456, 11111, 12321), "r-1", Instant.parse("2026-11-26T03:00:00.123Z"));
        BigDecimal total = new BigDecimal("302.231880").add(new BigDecimal(video1080p));
        return new PricedUsage(usage, new Cost("USD", new BigDecimal("12.221550"), new BigDecimal("245.677440"),
                new BigDecimal("44.332890"), new BigDecimal(video1080p), total.setScale(6), book));
    }
}
