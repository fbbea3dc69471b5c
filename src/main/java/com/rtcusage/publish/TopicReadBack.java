package com.rtcusage.publish;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.failure.Failures;
import com.rtcusage.failure.KafkaRefusedException;
import com.rtcusage.failure.KafkaUnavailableException;
import com.rtcusage.failure.Refusal;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.WindowPlanner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Before the first sweep: creates missing topics and reads the compacted record topic back into
 * {@link PublishedState}, so a restarted or rescheduled pod knows what Kafka already holds. Every
 * record read back is also told to the {@link Listener}s (freshness survives a restart that way).
 * <p>
 * Only keys the API can still return matter, and each of them was last published within the last
 * {@link #HISTORY} (a day's records can only be written from that day on, and the API looks back
 * 30 days): reading starts at each partition's first offset of that time ({@code offsetsForTimes}),
 * so start-up does not grow with the topic's history.
 */
@Component(FlowNames.TOPIC_READ_BACK)
public class TopicReadBack {

    /** Hears, for every record read back, its app and when the answer that carried it arrived. */
    public interface Listener {
        void fetchedBefore(String appId, Instant fetchedAt);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicReadBack.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How far back records can hold keys the API still returns: its 30-day look-back and today. */
    static final Duration HISTORY = Duration.ofDays(31);

    private final KafkaClients clients;
    private final TopicSetup topics;
    private final KafkaWait kafkaWait;
    private final PublishedState state;
    private final List<Listener> listeners;
    private final String topic;
    private final Clock clock;
    private volatile boolean loaded;

    public TopicReadBack(KafkaClients clients, TopicSetup topics, KafkaWait kafkaWait, PublishedState state,
            List<Listener> listeners, RtcUsageProperties properties, Clock clock) {
        this.clients = clients;
        this.topics = topics;
        this.kafkaWait = kafkaWait;
        this.state = state;
        this.listeners = listeners;
        this.topic = properties.kafka().topic();
        this.clock = clock;
    }

    /**
     * Sets the topics up and reads the record topic back, once, and again after {@link #forget()}
     * or a failed attempt: a set-up Kafka refused is tried again by the next sweep. The sweep
     * retries while Kafka is away and stops when Kafka refuses.
     */
    public synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            topics.prepare();
            readBack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while reading back topic " + topic, e);
        } catch (KafkaRefusedException e) {
            throw e;
        } catch (Exception e) {
            Optional<Refusal> refusal = Failures.refusal(e, topic);
            if (refusal.isPresent()) {
                throw new KafkaRefusedException(refusal.get().topic(), refusal.get().code(), refusal.get().detail(), e);
            }
            throw new KafkaUnavailableException("cannot set up or read back topic " + topic + ": " + e.getMessage(), e);
        }
        loaded = true;
        kafkaWait.answered();
    }

    /** What this instance read back may be out of date (another pod published meanwhile): the next load reads again. */
    public void forget() {
        loaded = false;
    }

    private void readBack() {
        LocalDate oldestReachable = WindowPlanner.oldestReachableDay(clock.instant());
        int count = 0;
        try (KafkaConsumer<String, String> consumer = clients.reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            long since = clock.instant().minus(HISTORY).toEpochMilli();
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(
                    partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> since)), WAIT);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? end.get(partition) : start.offset());
            }
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, WAIT) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    Header contentId = record.headers().lastHeader(RecordWriter.CE_ID);
                    if (record.key() != null && contentId != null && isReachable(record.key(), oldestReachable)) {
                        state.remember(record.key(), new String(contentId.value(), StandardCharsets.UTF_8));
                        tellListeners(record);
                        count++;
                    }
                }
            }
        }
        LOG.info("Read back {} records ({} keys) from topic {}", count, state.size(), topic);
    }

    /** A record's ce_time is when the answer that carried it arrived: its app was fetched then. */
    private void tellListeners(ConsumerRecord<String, String> record) {
        Header fetchedAt = record.headers().lastHeader(RecordWriter.CE_TIME);
        if (fetchedAt == null || listeners.isEmpty()) {
            return;
        }
        try {
            Instant at = Instant.parse(new String(fetchedAt.value(), StandardCharsets.UTF_8));
            String appId = record.key().substring(0, record.key().lastIndexOf(':'));
            listeners.forEach(listener -> listener.fetchedBefore(appId, at));
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
