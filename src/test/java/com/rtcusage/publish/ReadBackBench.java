package com.rtcusage.publish;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.rtcusage.config.RtcUsageProperties;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Read-back time at a long history (BENCHMARKS.md): fills a compacted topic with RECORDS records of
 * APPS apps whose Kafka timestamps spread evenly over the last DAYS days, then times
 * {@link TopicReadBack#load()} as start-up runs it.
 * usage (test class path, a broker from bench/broker.sh): ReadBackBench BROKERS [RECORDS] [APPS] [DAYS]
 */
public final class ReadBackBench {

    private ReadBackBench() {
    }

    public static void main(String[] args) throws Exception {
        String brokers = args[0];
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int apps = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 365;
        String topic = "readback.bench." + System.nanoTime();
        Instant now = Instant.now();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
        }
        String value = "{\"account\":\"prod\",\"appId\":\"%s\",\"day\":\"%s\",\"minutes\":{\"audio\":12345,\"video360p\":123456,"
                + "\"video720p\":11111,\"video1080p\":12321},\"cost\":{\"currency\":\"USD\",\"audio\":\"12.221550\","
                + "\"video360p\":\"245.677440\",\"video720p\":\"44.332890\",\"video1080p\":\"110.765790\",\"total\":\"412.997670\"},"
                + "\"final\":true,\"fetchedAt\":\"%s\",\"requestId\":\"20230000000000000000010420\"}";
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        settings.put(ProducerConfig.ACKS_CONFIG, "1");
        long startFill = System.nanoTime();
        long spanMillis = Duration.ofDays(days).toMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                long timestamp = now.toEpochMilli() - spanMillis + spanMillis * i / records;
                Instant at = Instant.ofEpochMilli(timestamp);
                String app = "app-" + (i % apps);
                String key = app + ':' + LocalDate.ofInstant(at, ZoneOffset.ofHours(8));
                producer.send(new ProducerRecord<>(topic, null, timestamp, key, value.formatted(app, key, at), List.of(
                        new RecordHeader(RecordWriter.CE_ID, UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
                                .toString().getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader(RecordWriter.CE_TIME, at.toString().getBytes(StandardCharsets.UTF_8)))));
            }
        }
        System.out.printf("filled %s with %d records of %d apps over %d days in %.1f s%n", topic, records, apps, days,
                (System.nanoTime() - startFill) / 1e9);

        try (DefaultCamelContext camel = camelWithKafka(brokers)) {
            Clock clock = Clock.systemUTC();
            for (int run = 1; run <= 3; run++) {
                TopicReadBack readBack = readBack(camel, topic, publishedState(clock), clock);
                long start = System.nanoTime();
                readBack.load();
                System.out.printf("read-back %d: %.2f s%n", run, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** A Camel context whose Kafka component knows these brokers, as {@link KafkaClients} reads them. */
    static DefaultCamelContext camelWithKafka(String brokers) {
        DefaultCamelContext camel = new DefaultCamelContext();
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers(brokers);
        camel.addComponent("kafka", kafka);
        return camel;
    }

    /** The read-back of start-up for this topic, with no topic to create and no listener. */
    static TopicReadBack readBack(DefaultCamelContext camel, String topic, PublishedState state, Clock clock) {
        RtcUsageProperties properties = mock(RtcUsageProperties.class);
        RtcUsageProperties.Kafka topics = mock(RtcUsageProperties.Kafka.class);
        when(properties.kafka()).thenReturn(topics);
        when(topics.topic()).thenReturn(topic);
        return new TopicReadBack(new KafkaClients(camel), mock(TopicSetup.class), mock(KafkaWait.class), state, List.of(),
                properties, clock);
    }

    /** Before and after the state took a clock (so the same bench runs on both sides of that change). */
    private static PublishedState publishedState(Clock clock) throws Exception {
        for (Constructor<?> constructor : PublishedState.class.getConstructors()) {
            if (constructor.getParameterCount() == 1) {
                return (PublishedState) constructor.newInstance(clock);
            }
        }
        return PublishedState.class.getConstructor().newInstance();
    }
}
