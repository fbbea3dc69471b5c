package com.rtcusage.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Java consumer of docs/contract.md, compiled and run by the tests: the contract shows the
 * lines between the snippet markers, and ContractConsumerSnippetTest keeps the two identical.
 */
public final class UsageTopicConsumer {

    private UsageTopicConsumer() {
    }

    // docs/contract.md snippet begin
    static void consume(String brokers, String topic, Path schemaFile,
                        BooleanSupplier running, BiConsumer<String, JsonNode> handle) throws IOException {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(schemaFile)) {   // usage-record.schema.json of this repository
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "billing");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class);
        ObjectMapper json = new ObjectMapper();
        Set<String> seen = new HashSet<>();   // ce_ids handled; in production keep them where the results go
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (running.getAsBoolean()) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    CloudEvent event = record.value();
                    if (!"com.volcengine.rtc.usage.daily.v1".equals(event.getType()) || !seen.add(event.getId())) {
                        continue;   // a version this code does not know, or content already handled
                    }
                    JsonNode usage = json.readTree(event.getData().toBytes());
                    List<ValidationMessage> errors = schema.validate(usage).stream()
                            .filter(error -> !"additionalProperties".equals(error.getType()))   // fields a later release added
                            .toList();
                    if (!errors.isEmpty()) {
                        throw new IllegalStateException(record.key() + " does not match the schema: " + errors);
                    }
                    handle.accept(record.key(), usage);   // e.g. upsert by key: the latest record of a key wins
                }
            }
        }
    }
    // docs/contract.md snippet end
}
