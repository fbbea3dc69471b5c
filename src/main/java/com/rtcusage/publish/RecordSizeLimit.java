package com.rtcusage.publish;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.failure.Failures;
import com.rtcusage.failure.KafkaRefusedException;
import com.rtcusage.failure.MissingTopics;
import com.rtcusage.flow.FlowNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Body;
import org.apache.camel.Headers;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refuses a record or dead letter larger than its topic takes ({@code max.message.bytes}) before
 * it is sent. Sent anyway, the broker's refusal would reach the service only at the producer's
 * delivery timeout (2 minutes by default), after a flood of split-and-retry warnings; here it is
 * named at once and stops the sweep as any refusal does. The limits are asked once per sweep, as an
 * operator may raise them between sweeps; the same answer says which topic the brokers do not have,
 * remembered for {@link Failures} ({@link MissingTopics}), so no failure's classification asks Kafka.
 */
@Component(FlowNames.RECORD_SIZE_LIMIT)
public class RecordSizeLimit implements MissingTopics {

    /** A one-record batch adds at most this to key and value: the batch header (61) and the record's varints, at their longest (so a record may be judged up to 64 bytes larger than it is). */
    static final int BATCH_OVERHEAD = 97;
    /** Each header adds at most its two length varints. */
    static final int HEADER_OVERHEAD = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RecordSizeLimit.class);
    private static final long ASK_SECONDS = 5;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClients clients;
    private final String usageTopic;
    private final String deadLetterTopic;
    private volatile Map<String, Integer> limits = Map.of();
    private volatile Set<String> missing = Set.of();

    public RecordSizeLimit(KafkaClients clients, RtcUsageProperties properties) {
        this.clients = clients;
        this.usageTopic = properties.kafka().topic();
        this.deadLetterTopic = properties.kafka().deadLetterTopic();
    }

    /**
     * Asks the topics' limits, and learns which topics the brokers do not have; a limit Kafka does
     * not say now stays as last known (none: unchecked).
     */
    public void learn() {
        Admin admin = clients.admin();
        try {
            Map<String, Integer> learned = new HashMap<>(limits);
            Set<String> absent = new HashSet<>();
            List<ConfigResource> topics = List.of(new ConfigResource(ConfigResource.Type.TOPIC, usageTopic),
                    new ConfigResource(ConfigResource.Type.TOPIC, deadLetterTopic));
            admin.describeConfigs(topics).values().forEach((topic, config) -> {
                try {
                    ConfigEntry limit = config.get(ASK_SECONDS, TimeUnit.SECONDS).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                    if (limit != null && limit.value() != null) {
                        learned.put(topic.name(), Integer.parseInt(limit.value()));
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        absent.add(topic.name());
                    }
                    LOG.debug("max.message.bytes of topic {} unknown this sweep: {}", topic.name(), e.getCause().toString());
                } catch (Exception unknown) {
                    LOG.debug("max.message.bytes of topic {} unknown this sweep: {}", topic.name(), unknown.toString());
                    if (unknown instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            limits = Map.copyOf(learned);
            missing = Set.copyOf(absent);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    /** True when the brokers said at the start of this sweep that they have no such topic. */
    @Override
    public boolean isMissing(String topic) {
        return missing.contains(topic);
    }

    /** Throws a RecordTooLarge refusal when a usage record would not fit its topic. */
    public void usageRecord(@Body String value, @Headers Map<String, Object> headers) {
        check(usageTopic, value, headers);
    }

    /** Throws a RecordTooLarge refusal when a dead letter would not fit its topic. */
    public void deadLetter(@Body String value, @Headers Map<String, Object> headers) {
        check(deadLetterTopic, value, headers);
    }

    private void check(String topic, String value, Map<String, Object> headers) {
        Integer limit = limits.get(topic);
        if (limit == null) {
            return;   // unknown this sweep: the broker judges
        }
        int size = upperBound(value, headers);
        if (size > limit) {
            throw new KafkaRefusedException(topic, "RecordTooLarge", "a record of up to " + size
                    + " bytes is larger than topic " + topic + " takes (max.message.bytes " + limit + ")", null);
        }
    }

    /**
     * The most bytes a record of this value and these headers takes in a batch of its own: Kafka's
     * record format v2, uncompressed. Camel's own headers and the key header stay out of the record's
     * headers, but the key is counted.
     */
    static int upperBound(String value, Map<String, Object> headers) {
        int size = BATCH_OVERHEAD + utf8(value);
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            String name = header.getKey();
            if (KafkaConstants.KEY.equals(name)) {
                size += utf8(String.valueOf(header.getValue()));
            } else if (!name.startsWith("Camel") && !name.startsWith("kafka.") && header.getValue() instanceof String text) {
                size += HEADER_OVERHEAD + utf8(name) + utf8(text);
            }
        }
        return size;
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
