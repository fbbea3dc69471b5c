package com.rtcusage.publish;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.metrics.AppFreshness;
import com.rtcusage.usage.WindowPlanner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The content id last acknowledged by Kafka for every key, so that a sweep publishes a key again
 * only when its minutes, cost or finality changed. The state lives in Kafka itself: before the
 * first sweep it is read back from the compacted record topic, so a restarted or rescheduled pod
 * knows what is already there. The same read-back tells {@link AppFreshness} when each app was
 * last fetched, so freshness survives a restart too.
 */
@Component("publishedContent")
public class PublishedContent {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedContent.class);

    private final Map<String, String> contentIdByKey = new ConcurrentHashMap<>();
    private final KafkaClients clients;
    private final TopicSetup topics;
    private final String topic;
    private final Clock clock;
    private final AppFreshness freshness;
    private volatile boolean loaded;

    public PublishedContent(KafkaClients clients, TopicSetup topics, RtcUsageProperties properties, Clock clock,
            AppFreshness freshness) {
        this.clients = clients;
        this.topics = topics;
        this.topic = properties.kafka().topic();
        this.clock = clock;
        this.freshness = freshness;
    }

    /** Creates missing topics and reads the record topic back, once; the sweep retries while Kafka is away. */
    public synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            topics.createMissing();
            readBack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while reading back topic " + topic, e);
        } catch (Exception e) {
            throw new KafkaUnavailableException("cannot set up or read back topic " + topic + ": " + e.getMessage(), e);
        }
        loaded = true;
    }

    private void readBack() {
        LocalDate oldestReachable = WindowPlanner.plan(clock.instant(), WindowPlanner.API_MAX_DAYS).firstDay();
        int count = 0;
        try (KafkaConsumer<String, String> consumer = clients.reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, Duration.ofSeconds(30)) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    org.apache.kafka.common.header.Header contentId = record.headers().lastHeader(UsageRecords.CE_ID);
                    if (record.key() != null && contentId != null && isReachable(record.key(), oldestReachable)) {
                        contentIdByKey.put(record.key(), new String(contentId.value(), StandardCharsets.UTF_8));
                        restoreFreshness(record);
                        count++;
                    }
                }
            }
        }
        LOG.info("Read back {} records ({} keys) from topic {}", count, contentIdByKey.size(), topic);
    }

    /** True when this content was never acknowledged for this key. */
    public boolean isChanged(@Header(KafkaConstants.KEY) String key, @Header(UsageRecords.CE_ID) String contentId) {
        return !contentId.equals(contentIdByKey.get(key));
    }

    /** Called only after Kafka acknowledged every record of the batch. */
    public void remember(RecordBatch batch) {
        for (Message record : batch) {
            contentIdByKey.put(record.getHeader(KafkaConstants.KEY, String.class),
                    record.getHeader(UsageRecords.CE_ID, String.class));
        }
    }

    /** A record's ce_time is when the answer that carried it arrived: its app was fetched then. */
    private void restoreFreshness(ConsumerRecord<String, String> record) {
        org.apache.kafka.common.header.Header fetchedAt = record.headers().lastHeader(UsageRecords.CE_TIME);
        if (fetchedAt == null) {
            return;
        }
        try {
            freshness.restored(record.key().substring(0, record.key().lastIndexOf(':')),
                    Instant.parse(new String(fetchedAt.value(), StandardCharsets.UTF_8)));
        } catch (DateTimeParseException e) {
            LOG.debug("Record {} has ce_time that is no instant; it tells nothing about freshness", record.key());
        }
    }

    /** Days the API can no longer return need no memory. */
    private static boolean isReachable(String key, LocalDate oldestReachable) {
        int separator = key.lastIndexOf(':');
        try {
            return !LocalDate.parse(key.substring(separator + 1)).isBefore(oldestReachable);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
