package com.rtcusage.publish;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.stereotype.Component;

/**
 * Admin and consumer clients with exactly the connection settings of Camel's Kafka component
 * ({@code camel.component.kafka.*}), so brokers, SASL and TLS are configured in one place.
 */
@Component
public class KafkaClients {

    private final CamelContext camel;

    public KafkaClients(CamelContext camel) {
        this.camel = camel;
    }

    public Admin admin() {
        return Admin.create(connection());
    }

    /**
     * A consumer without a group: it reads by assignment and commits nothing. It reads up to end
     * offsets known beforehand, so no fetch needs to wait for new data; with the default
     * fetch.max.wait.ms its close() waited 500 ms for the last, empty fetch.
     */
    public KafkaConsumer<String, String> reader() {
        Properties properties = connection();
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }

    /** Bootstrap servers only: host:port pairs, never a credential (those live in SASL settings). */
    public String brokers() {
        return configuration().getBrokers();
    }

    private Properties connection() {
        Properties properties = configuration().createConsumerProperties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers());
        return properties;
    }

    private KafkaConfiguration configuration() {
        return camel.getComponent("kafka", KafkaComponent.class).getConfiguration();
    }
}
