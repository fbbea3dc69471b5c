package com.rtcusage.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.support.CloudEventAssertions;
import com.rtcusage.support.CloudEventReader;
import com.rtcusage.support.Json;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The record topic as a consumer sees it through the CloudEvents SDK. Two lives of the service
 * sweep the same apps half an hour apart into two topics, so settled days appear twice with the same
 * content but a different fetch time and RequestId. One AppId needs percent-encoding in
 * {@code ce_source}. The consumer of docs/contract.md runs here against a replay of both topics.
 */
@EmbeddedKafka(kraft = true, partitions = 2)
class ConsumerContractIT {

    /** Space, slash, non-ASCII, percent, hash and question mark: each must be encoded in a path segment. */
    static final String ODD_APP = "odd app/ü%#?";
    static final Set<String> APPS = Set.of("demo-app-a1", ODD_APP);
    static final Instant FIRST_SWEEP = Instant.parse("2026-11-26T03:00:00Z");

    static String brokers;
    static List<ConsumerRecord<String, CloudEvent>> first;
    static List<ConsumerRecord<String, CloudEvent>> second;

    @BeforeAll
    static void sweepTwice() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        brokers = broker.getBrokersAsString();
        MovableClock clock = new MovableClock(FIRST_SWEEP);
        first = sweep(clock, "consumer.first");
        clock.advance(Duration.ofMinutes(30));
        second = sweep(clock, "consumer.second");
    }

    @Test
    void everyRecordIsACloudEventWithEveryAttributeOfTheContract() {
        assertThat(first).hasSize(APPS.size() * 30);
        assertThat(second).hasSize(APPS.size() * 30);
        Stream.concat(first.stream(), second.stream()).forEach(CloudEventAssertions::assertUsageEvent);

        assertThat(first).extracting(record -> record.value().getSource().toString())
                .contains("/volcengine/rtc/apps/odd%20app%2F%C3%BC%25%23%3F", "/volcengine/rtc/apps/demo-app-a1");
    }

    @Test
    void idIsTheSameForTheSameKeyAndContentAndDiffersOtherwise() {
        List<ConsumerRecord<String, CloudEvent>> both = new ArrayList<>(first);
        both.addAll(second);
        CloudEventAssertions.assertIdsFollowContent(both);

        // Settled days: same content fetched twice, at different times from different answers.
        Map<String, ConsumerRecord<String, CloudEvent>> earlier = first.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, Function.identity()));
        List<ConsumerRecord<String, CloudEvent>> sameContent = second.stream()
                .filter(later -> CloudEventAssertions.content(later).equals(CloudEventAssertions.content(earlier.get(later.key()))))
                .toList();
        assertThat(sameContent).hasSizeGreaterThanOrEqualTo(APPS.size() * 29).allSatisfy(later -> {
            CloudEvent before = earlier.get(later.key()).value();
            assertThat(later.value().getId()).isEqualTo(before.getId());
            assertThat(later.value().getTime()).isAfter(before.getTime());
            assertThat(requestId(later)).isNotEqualTo(requestId(earlier.get(later.key())));
        });
    }

    @Test
    void readmeConsumerValidatesAndHandlesEachContentOnce() throws Exception {
        String replay = "consumer.replay";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            // Both topics into one, as a replay or a mirror would: every settled day comes twice, same ce_id.
            for (String topic : List.of("consumer.first", "consumer.second")) {
                for (ConsumerRecord<String, String> record : TopicReader.readAll(brokers, topic)) {
                    producer.send(new ProducerRecord<>(replay, null, record.key(), record.value(), record.headers())).get();
                }
            }
        }
        Set<String> distinctIds = Stream.concat(first.stream(), second.stream()).map(record -> record.value().getId())
                .collect(Collectors.toSet());
        List<Map.Entry<String, JsonNode>> handled = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();

        UsageTopicConsumer.consume(brokers, replay, Path.of("src/main/resources/schema/usage-record.schema.json"),
                () -> handled.size() < distinctIds.size() && System.nanoTime() < deadline,
                (key, usage) -> handled.add(Map.entry(key, usage)));

        assertThat(handled).hasSize(distinctIds.size());
        assertThat(handled.stream().map(entry -> List.of(entry.getKey(), entry.getValue().get("minutes"),
                entry.getValue().get("cost"), entry.getValue().get("final")))).doesNotHaveDuplicates();
        assertThat(handled).extracting(Map.Entry::getKey)
                .containsAll(first.stream().map(ConsumerRecord::key).toList());
    }

    private static List<ConsumerRecord<String, CloudEvent>> sweep(MovableClock clock, String topic) {
        try (ConfigurableApplicationContext service = LocalService.start(clock,
                "camel.component.kafka.brokers=" + brokers,
                "rtc-usage.kafka.topic=" + topic,
                "rtc-usage.kafka.dead-letter-topic=" + topic + ".dead",
                "rtc-usage.schedule.run-on-startup=false",
                "rtc-usage.accounts[0].name=consumer",
                "rtc-usage.accounts[0].access-key-id=AKLTlocalsandbox0000000000000009",
                "rtc-usage.accounts[0].secret-access-key=local-sandbox-secret-not-a-real-key-9",
                "rtc-usage.accounts[0].app-ids[0]=demo-app-a1",
                "rtc-usage.accounts[0].app-ids[1]=" + ODD_APP)) {
            SweepSummary summary = LocalService.sweep(service);
            assertThat(summary.isComplete()).as(summary.toString()).isTrue();
            assertThat(summary.published()).isEqualTo(APPS.size() * 30L);
        }
        assertThat(TopicReader.readAll(brokers, topic + ".dead")).isEmpty();
        return CloudEventReader.readAll(brokers, topic);
    }

    private static String requestId(ConsumerRecord<String, CloudEvent> record) {
        return Json.parse(new String(record.value().getData().toBytes(), StandardCharsets.UTF_8))
                .get("requestId").asText();
    }
}
