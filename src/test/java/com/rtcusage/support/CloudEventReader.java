package com.rtcusage.support;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the record topic back as consumers do: each value through the CloudEvents SDK's
 * {@link CloudEventDeserializer}, which picks binary mode from the {@code ce_specversion} header and
 * takes the attributes from the {@code ce_*} and {@code content-type} headers, the data from the value.
 */
public final class CloudEventReader {

    private CloudEventReader() {
    }

    /** The whole topic, from the beginning to its current end; a record the SDK cannot read fails the test. */
    public static List<ConsumerRecord<String, CloudEvent>> readAll(String brokers, String topic) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            return TopicReader.readAll(brokers, topic).stream().map(record -> {
                // What KafkaConsumer does with a configured value deserializer: topic, headers, raw value.
                CloudEvent event = deserializer.deserialize(record.topic(), record.headers(),
                        record.value().getBytes(StandardCharsets.UTF_8));
                return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                        record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
                        event, record.headers(), Optional.empty());
            }).toList();
        }
    }
}
