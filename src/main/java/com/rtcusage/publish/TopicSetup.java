package com.rtcusage.publish;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.failure.Failures;
import com.rtcusage.failure.KafkaRefusedException;
import com.rtcusage.failure.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Before the first sweep (and again after a refused one): creates the record topic (compacted, so
 * it holds the latest figure of every app-day) and the dead-letter topic when they are missing and
 * {@code rtc-usage.kafka.create-topics} is on, with {@code rtc-usage.kafka.partitions} and
 * {@code replication-factor}; refuses to go on when they are missing and it is off. Existing
 * topics are checked, never changed.
 */
@Component
public class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final long WAIT_SECONDS = 30;
    /** Replicas a topic gets at most when the factor is left to the cluster's size. */
    private static final int MAX_AUTOMATIC_FACTOR = 3;

    private final KafkaClients clients;
    private final RtcUsageProperties.Kafka kafka;
    private final Set<String> warnedNotCompacted = ConcurrentHashMap.newKeySet();

    public TopicSetup(KafkaClients clients, RtcUsageProperties properties) {
        this.clients = clients;
        this.kafka = properties.kafka();
    }

    /**
     * Makes sure both topics exist; throws {@link KafkaRefusedException} for a missing topic the
     * service may not create, and lets Kafka's own exceptions (authorization, timeouts) through.
     */
    public void prepare() throws InterruptedException, ExecutionException, TimeoutException {
        Admin admin = clients.admin();
        try {
            Set<String> existing = admin.listTopics().names().get(WAIT_SECONDS, TimeUnit.SECONDS);
            List<String> missing = new ArrayList<>();
            for (String topic : List.of(kafka.topic(), kafka.deadLetterTopic())) {
                if (!existing.contains(topic)) {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty() && !kafka.createTopics()) {
                // Unlisted may also mean not allowed to see it: describing it tells which.
                try {
                    admin.describeTopics(missing).allTopicNames().get(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
                throw new KafkaRefusedException(missing.get(0), "TopicMissing",
                        "the topic does not exist and rtc-usage.kafka.create-topics is false", null);
            }
            if (!missing.isEmpty()) {
                create(admin, missing);
            }
            if (existing.contains(kafka.topic())) {
                checkCompacted(admin);
            }
        } finally {
            admin.close(CLOSE_TIMEOUT); // bounded: while Kafka is away the default close would wait another minute
        }
    }

    /** {@code 0} leaves the factor to the cluster: as many replicas as brokers, at most three. */
    static short replicationFactor(int configured, int brokers) {
        return (short) (configured > 0 ? configured : Math.max(1, Math.min(MAX_AUTOMATIC_FACTOR, brokers)));
    }

    /** One replica may be away without stopping writes; a single replica must still take them. */
    static int minInsyncReplicas(short factor) {
        return Math.max(1, factor - 1);
    }

    /**
     * The topics {@link #prepare()} creates for these missing names on a cluster of this many
     * brokers: the record topic compacted, both with the configured partitions and replication.
     */
    public List<NewTopic> newTopics(List<String> missing, int brokers) {
        short factor = replicationFactor(kafka.replicationFactor(), brokers);
        String minInsync = Integer.toString(minInsyncReplicas(factor));
        return missing.stream().map(topic -> new NewTopic(topic, kafka.partitions(), factor).configs(
                topic.equals(kafka.topic())
                        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync)
                        : Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync))).toList();
    }

    private void create(Admin admin, List<String> missing) throws InterruptedException, ExecutionException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(WAIT_SECONDS, TimeUnit.SECONDS).size();
        List<NewTopic> topics = newTopics(missing, brokers);
        try {
            admin.createTopics(topics).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Created Kafka topics {} with {} partitions, replication factor {}, min.insync.replicas {}",
                    missing, kafka.partitions(), topics.get(0).replicationFactor(),
                    topics.get(0).configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return;
            }
            // Named for the topics it concerns: the failing step is no Kafka endpoint that could name them.
            Optional<Refusal> refusal = Failures.refusal(e.getCause(), String.join(",", missing));
            if (refusal.isPresent()) {
                throw new KafkaRefusedException(refusal.get().topic(), refusal.get().code(), refusal.get().detail(), e);
            }
            throw e;
        }
    }

    /** A record topic that is not compacted grows for ever and keeps superseded figures: said once, not changed. */
    private void checkCompacted(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topic());
        Config config;
        try {
            config = admin.describeConfigs(List.of(resource)).all().get(WAIT_SECONDS, TimeUnit.SECONDS).get(resource);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof AuthorizationException)) {
                throw e;
            }
            // Publishing needs no DESCRIBE_CONFIGS; without it the check is skipped, not the sweep.
            LOG.debug("Cannot read the configuration of topic {}: {}", kafka.topic(), e.getCause().getMessage());
            return;
        }
        ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String value = policy == null ? "unknown" : policy.value();
        if (!value.contains(TopicConfig.CLEANUP_POLICY_COMPACT) && warnedNotCompacted.add(kafka.topic())) {
            LOG.warn("Record topic {} has {}={}, not compact: it keeps every superseded figure instead of the latest per"
                    + " app-day; the service does not change existing topics", kafka.topic(),
                    TopicConfig.CLEANUP_POLICY_CONFIG, value);
        }
    }
}
