package com.rtcusage.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The CloudEvents attributes of the record contract, checked on events the SDK read back. */
public final class CloudEventAssertions {

    public static final String TYPE = "com.volcengine.rtc.usage.daily.v1";

    private CloudEventAssertions() {
    }

    /** Every attribute of one record: specversion, id, source, type, time, datacontenttype, data; nothing else. */
    public static void assertUsageEvent(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        byte[] data = event.getData() == null ? null : event.getData().toBytes();
        assertThat(data).as("data of %s", record.key()).isNotNull();
        String value = new String(data, StandardCharsets.UTF_8);
        RecordSchemas.assertValid(RecordSchemas.USAGE_RECORD, value);
        JsonNode usage = Json.parse(value);
        String appId = usage.get("appId").asText();

        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo(header(record, "ce_id")).isNotBlank();
        assertThat(event.getType()).isEqualTo(TYPE);
        assertThat(event.getSource()).isEqualTo(URI.create(expectedSource(appId)));
        assertThat(event.getSource().getRawPath()).isEqualTo(expectedSource(appId));
        assertThat(event.getSource().getPath()).isEqualTo("/volcengine/rtc/apps/" + appId);
        assertThat(header(record, "ce_time")).isEqualTo(usage.get("fetchedAt").asText());
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse(usage.get("fetchedAt").asText()));
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getDataSchema()).isNull();
        assertThat(event.getSubject()).isNull();
        assertThat(event.getExtensionNames()).as("extensions of %s", record.key()).isEmpty();
        assertThat(record.key()).isEqualTo(appId + ":" + usage.get("day").asText());
    }

    /**
     * {@code ce_id} follows content: records with the same key, minutes, cost and {@code final} carry
     * one id, whenever and from whichever answer they were fetched; different content, different ids.
     */
    public static void assertIdsFollowContent(Collection<ConsumerRecord<String, CloudEvent>> records) {
        Map<List<Object>, Set<String>> idsByContent = records.stream().collect(Collectors.groupingBy(
                CloudEventAssertions::content, Collectors.mapping(record -> record.value().getId(), Collectors.toSet())));
        idsByContent.forEach((content, ids) -> assertThat(ids).as("ids of %s", content).hasSize(1));
        assertThat(idsByContent.values().stream().flatMap(Set::stream).distinct().count())
                .as("distinct content, distinct ids").isEqualTo(idsByContent.size());
    }

    /** Key, minutes, cost and final: what {@code ce_id} stands for. */
    public static List<Object> content(ConsumerRecord<String, CloudEvent> record) {
        JsonNode usage = Json.parse(new String(record.value().getData().toBytes(), StandardCharsets.UTF_8));
        return List.of(record.key(), usage.get("minutes"), usage.get("cost"), usage.get("final").asBoolean());
    }

    /**
     * {@code /volcengine/rtc/apps/<AppId>} with the AppId percent-encoded as one RFC 3986 path
     * segment: every UTF-8 byte outside {@code pchar} becomes {@code %XX}. Written here, not taken
     * from the service, so the test does not check the service with its own code.
     */
    public static String expectedSource(String appId) {
        StringBuilder segment = new StringBuilder();
        for (byte b : appId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0;
            boolean otherPchar = "!$&'()*+,;=:@".indexOf(c) >= 0;
            if (unreserved || otherPchar) {
                segment.append(c);
            } else {
                segment.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return "/volcengine/rtc/apps/" + segment;
    }

    private static String header(ConsumerRecord<String, ?> record, String name) {
        assertThat(record.headers().headers(name)).as("header %s of %s", name, record.key()).hasSize(1);
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
