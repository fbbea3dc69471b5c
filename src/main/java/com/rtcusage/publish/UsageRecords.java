package com.rtcusage.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rtcusage.pricing.Cost;
import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.usage.DailyUsage;
import com.rtcusage.usage.TierMinutes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Headers;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Turns a priced app-day into the Kafka record of DESIGN.md: key {@code <AppId>:<day>}, JSON
 * value, CloudEvents binary-mode headers. {@code ce_id} depends only on key and content, so the
 * same figures always carry the same id and consumers can deduplicate.
 */
@Component("usageRecords")
public class UsageRecords {

    public static final String CE_ID = "ce_id";
    public static final String CE_TIME = "ce_time";
    /** Instants in records and dead letters: UTC, always three fraction digits. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    public UsageRecords(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Returns the JSON value and sets key and CloudEvents headers on the message. */
    public String toRecord(PricedUsage priced, @Headers Map<String, Object> headers) throws JsonProcessingException {
        DailyUsage usage = priced.usage();
        TierMinutes minutes = usage.minutes();
        Cost cost = priced.cost();
        UsageRecord.Minutes recordMinutes =
                new UsageRecord.Minutes(minutes.audio(), minutes.video360p(), minutes.video720p(), minutes.video1080p());
        UsageRecord.Cost recordCost = new UsageRecord.Cost(cost.currency(), money(cost.audio()), money(cost.video360p()),
                money(cost.video720p()), money(cost.video1080p()), money(cost.total()));
        String fetchedAt = TIMESTAMP.format(usage.fetchedAt());
        UsageRecord record = new UsageRecord(usage.account(), usage.appId(), usage.day().toString(), usage.timestamp(),
                recordMinutes, recordCost, usage.isFinal(), fetchedAt, usage.requestId());

        String content = mapper.writeValueAsString(new Object[] {usage.key(), recordMinutes, recordCost, usage.isFinal()});
        headers.put(KafkaConstants.KEY, usage.key());
        headers.put(CE_ID, UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)).toString());
        headers.put("ce_specversion", "1.0");
        headers.put("ce_source", "/volcengine/rtc/apps/" + UriUtils.encodePathSegment(usage.appId(), StandardCharsets.UTF_8));
        headers.put("ce_type", "com.volcengine.rtc.usage.daily.v1");
        headers.put(CE_TIME, fetchedAt);
        headers.put("content-type", "application/json");
        return mapper.writeValueAsString(record);
    }

    private static String money(BigDecimal amount) {
        return amount.toPlainString();
    }
}
