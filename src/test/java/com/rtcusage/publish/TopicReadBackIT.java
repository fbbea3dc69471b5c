package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Start-up reads the record topic back from the last 31 days only: a record published earlier
 * (by its Kafka timestamp) is not read, one published later is, whatever their offsets.
 */
@EmbeddedKafka(kraft = true, partitions = 2)
class TopicReadBackIT {

    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
    private static final String TOPIC = "readback.usage";
    private static final String ID_OLD = "0d4d8f3c-8a5e-3b1c-9f0e-1a2b3c4d5e6f";
    private static final String ID_NEW = "0d4d8f3c-8a5e-3b1c-9f0e-1a2b3c4d5e70";

    @Test
    void readsOnlyRecordsOfTheLast31Days(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        long old = NOW.minus(Duration.ofDays(32)).toEpochMilli();
        long recent = NOW.minus(Duration.ofDays(30)).toEpochMilli();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int partition = 0; partition < 2; partition++) {
            // Keys of days the API still returns, so only the records' time can tell them apart.
            records.add(record(partition, old, "old-" + partition + ":2026-11-20", ID_OLD));
            records.add(record(partition, recent, "new-" + partition + ":2026-11-20", ID_NEW));
            records.add(record(partition, old, "late-" + partition + ":2026-11-21", ID_OLD));   // offset after a recent one
        }
        Properties producerSettings = new Properties();
        producerSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get();
            }
        }

        PublishedState state = new PublishedState(Clock.fixed(NOW, ZoneOffset.UTC));
        readBack(brokers, state);

        for (int partition = 0; partition < 2; partition++) {
            assertThat(state.isChanged("new-" + partition + ":2026-11-20", ID_NEW)).as("published 30 days ago").isFalse();
            assertThat(state.isChanged("old-" + partition + ":2026-11-20", ID_OLD)).as("published 32 days ago").isTrue();
        }
    }

    private static ProducerRecord<String, String> record(int partition, long timestamp, String key, String contentId) {
        return new ProducerRecord<>(TOPIC, partition, timestamp, key, "{}",
                List.of(new RecordHeader(RecordWriter.CE_ID, contentId.getBytes(StandardCharsets.UTF_8))));
    }

    private static void readBack(String brokers, PublishedState state) throws Exception {
        try (DefaultCamelContext camel = ReadBackBench.camelWithKafka(brokers)) {
            ReadBackBench.readBack(camel, TOPIC, state, Clock.fixed(NOW, ZoneOffset.UTC)).load();
        }
    }
}
