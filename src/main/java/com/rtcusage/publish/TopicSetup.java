package com.rtcusage.publish;

import com.rtcusage.config.RtcUsageProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the record topic (compacted, so it holds the latest figure of every app-day) and the
 * dead-letter topic when they are missing and {@code rtc-usage.kafka.create-topics} is on.
 */
@Component
public class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClients clients;
    private final RtcUsageProperties.Kafka kafka;

    public TopicSetup(KafkaClients clients, RtcUsageProperties properties) {
        this.clients = clients;
        this.kafka = properties.kafka();
    }

    public void createMissing() throws InterruptedException, ExecutionException, TimeoutException {
        if (!kafka.createTopics()) {
            return;
        }
        Admin admin = clients.admin();
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(kafka.topic())) {
                missing.add(new NewTopic(kafka.topic(), Optional.empty(), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            if (!existing.contains(kafka.deadLetterTopic())) {
                missing.add(new NewTopic(kafka.deadLetterTopic(), Optional.empty(), Optional.empty()));
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.info("Created Kafka topics {}", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } finally {
            admin.close(CLOSE_TIMEOUT); // bounded: while Kafka is away the default close would wait another minute
        }
    }
}
