package com.rtcusage.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.pricing.Cost;
import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.usage.DailyUsage;
import com.rtcusage.usage.TierMinutes;
import com.rtcusage.wire.WireJson;
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
 * Turns a priced app-day into its Kafka record: key {@code <AppId>:<day>}, JSON value, CloudEvents
 * binary-mode headers. {@code ce_id} depends only on key and content, so the same figures always
 * carry the same id and consumers can deduplicate.
 */
@Component(FlowNames.RECORD_WRITER)
public class RecordWriter {

    public static final String CE_ID = "ce_id";
    public static final String CE_TIME = "ce_time";
    /** Instants in records and dead letters: UTC, always three fraction digits. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * Sets the record's key and {@code ce_id}: all it takes to tell whether Kafka already holds
     * this content, so the value is written only for days that changed.
     */
    public void identify(PricedUsage priced, @Headers Map<String, Object> headers) throws JsonProcessingException {
        DailyUsage usage = priced.usage();
        headers.put(KafkaConstants.KEY, usage.key());
        headers.put(CE_ID, contentId(usage.key(), usage.minutes(), priced.cost(), usage.isFinal()));
    }

    /** Returns the JSON value and sets the other CloudEvents headers; key and ce_id come from {@link #identify}. */
    public String write(PricedUsage priced, @Headers Map<String, Object> headers) throws JsonProcessingException {
        DailyUsage usage = priced.usage();
        String fetchedAt = TIMESTAMP.format(usage.fetchedAt());
        UsageRecord record = new UsageRecord(usage.account(), usage.appId(), usage.day().toString(), usage.timestamp(),
                usage.minutes(), priced.cost(), usage.isFinal(), fetchedAt, usage.requestId());
        headers.put("ce_specversion", "1.0");
        headers.put("ce_source", "/volcengine/rtc/apps/" + UriUtils.encodePathSegment(usage.appId(), StandardCharsets.UTF_8));
        headers.put("ce_type", "com.volcengine.rtc.usage.daily.v1");
        headers.put(CE_TIME, fetchedAt);
        headers.put("content-type", "application/json");
        return WireJson.MAPPER.writeValueAsString(record);
    }

    /** A name-based UUID of key, minutes, cost and finality: what makes a record new for a consumer. */
    static String contentId(String key, TierMinutes minutes, Cost cost, boolean isFinal) throws JsonProcessingException {
        String content = WireJson.MAPPER.writeValueAsString(new Object[] {key, minutes, cost, isFinal});
        return UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
