package com.rtcusage.check;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.publish.KafkaClients;
import com.rtcusage.publish.TopicSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.stereotype.Component;

/**
 * Asks Kafka, with the service's own connection settings, whether the service could publish: the
 * brokers answer, both topics exist or the broker would create them ({@code validateOnly}: nothing is
 * created), and the principal may use them as the service does (read the record topic back, write
 * both). Asks the cluster's authorizer, never writes a probe record. Every question is bounded, so
 * with the brokers away the check ends within {@link #ASK} plus the client's close.
 */
@Component
public class KafkaCheck {

    /** How long one question to the cluster may take. */
    static final Duration ASK = Duration.ofSeconds(15);
    private static final Duration CLOSE = Duration.ofSeconds(5);
    /** The record topic is read back at start and written; the dead-letter topic only written. */
    static final List<AclOperation> RECORD_TOPIC_NEEDS = List.of(AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE);
    static final List<AclOperation> DEAD_LETTER_TOPIC_NEEDS = List.of(AclOperation.DESCRIBE, AclOperation.WRITE);

    private final KafkaClients clients;
    private final TopicSetup topicSetup;
    private final RtcUsageProperties.Kafka kafka;

    public KafkaCheck(KafkaClients clients, TopicSetup topicSetup, RtcUsageProperties properties) {
        this.clients = clients;
        this.topicSetup = topicSetup;
        this.kafka = properties.kafka();
    }

    /** The brokers' line, then one line per topic once a broker answered. */
    public List<CheckLine> check() {
        String subject = "Kafka brokers " + clients.brokers();
        Admin admin;
        try {
            admin = clients.admin();
        } catch (KafkaException e) {
            return List.of(CheckLine.failed(subject, "no client could be made: " + e.getMessage()));
        }
        try {
            int brokers;
            try {
                brokers = ask(admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis(ASK))).nodes()).size();
            } catch (ExecutionException | TimeoutException e) {
                return List.of(CheckLine.failed(subject, "no broker answered within " + ASK.toSeconds() + " s ("
                        + reason(e) + "); topics not checked"));
            }
            List<CheckLine> lines = new ArrayList<>();
            lines.add(CheckLine.ok(subject, brokers + " broker(s) in the cluster answered"));
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(
                    List.of(kafka.topic(), kafka.deadLetterTopic()),
                    new DescribeTopicsOptions().includeAuthorizedOperations(true).timeoutMs(millis(ASK))).topicNameValues();
            lines.add(topic(admin, kafka.topic(), described.get(kafka.topic()), RECORD_TOPIC_NEEDS, brokers));
            lines.add(topic(admin, kafka.deadLetterTopic(), described.get(kafka.deadLetterTopic()), DEAD_LETTER_TOPIC_NEEDS,
                    brokers));
            return lines;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(CheckLine.failed(subject, "interrupted"));
        } finally {
            admin.close(CLOSE);
        }
    }

    private CheckLine topic(Admin admin, String topic, KafkaFuture<TopicDescription> description, List<AclOperation> needs,
            int brokers) throws InterruptedException {
        String subject = "Kafka topic " + topic;
        try {
            return existing(subject, ask(description).authorizedOperations(), needs);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return missing(admin, subject, topic, brokers);
            }
            if (e.getCause() instanceof AuthorizationException) {
                return CheckLine.failed(subject, "the principal may not DESCRIBE it (" + reason(e) + ")");
            }
            return CheckLine.failed(subject, "not described: " + reason(e));
        } catch (TimeoutException e) {
            return CheckLine.failed(subject, "not described within " + ASK.toSeconds() + " s");
        }
    }

    /**
     * An existing topic passes when the principal may do all of {@code needs} on it; {@code allowed}
     * null means the cluster has no authorizer, so everyone may.
     */
    static CheckLine existing(String subject, Set<AclOperation> allowed, List<AclOperation> needs) {
        if (allowed == null) {
            return CheckLine.ok(subject, "exists; " + names(needs) + " not checked (no authorizer)");
        }
        List<AclOperation> denied = needs.stream().filter(operation -> !allowed.contains(operation)).toList();
        return denied.isEmpty() ? CheckLine.ok(subject, "exists; the principal may " + names(needs))
                : CheckLine.failed(subject, "exists, but the principal may not " + names(denied));
    }

    /** A missing topic passes when the service may create it and the broker accepts it as the service would create it. */
    private CheckLine missing(Admin admin, String subject, String topic, int brokers) throws InterruptedException {
        if (!kafka.createTopics()) {
            return CheckLine.failed(subject, "missing, and rtc-usage.kafka.create-topics is false");
        }
        try {
            ask(admin.createTopics(topicSetup.newTopics(List.of(topic), brokers),
                    new CreateTopicsOptions().validateOnly(true).timeoutMs(millis(ASK))).all());
            return CheckLine.ok(subject, "missing; the broker accepts its creation at start (validated, not created)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return CheckLine.ok(subject, "exists (created meanwhile by someone else)");
            }
            if (e.getCause() instanceof AuthorizationException) {
                return CheckLine.failed(subject, "missing, and the principal may not CREATE it (" + reason(e) + ")");
            }
            return CheckLine.failed(subject, "missing, and the broker would refuse to create it: " + reason(e));
        } catch (TimeoutException e) {
            return CheckLine.failed(subject, "missing; its creation was not validated within " + ASK.toSeconds() + " s");
        }
    }

    private static <T> T ask(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        // The option's timeout ends the call; this one only guards against a client that does not.
        return future.get(ASK.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String names(List<AclOperation> operations) {
        return String.join(", ", operations.stream().map(AclOperation::name).toList());
    }

    private static int millis(Duration duration) {
        return (int) duration.toMillis();
    }
}
