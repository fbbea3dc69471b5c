package com.rtcusage.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code rtc_usage_kafka_reachable}: 1 while every Kafka producer of the routes has a
 * broker connection ready, 0 otherwise (also before the producers started, or with Camel's producer
 * health checks off). It asks the same Camel checks readiness uses, when Prometheus scrapes.
 */
@Component
public class KafkaReachability {

    static final String REACHABLE = "rtc_usage.kafka.reachable";
    private static final String KAFKA_PRODUCER_CHECK = "producer:kafka";

    private final CamelContext camel;

    public KafkaReachability(CamelContext camel, MeterRegistry registry) {
        this.camel = camel;
        Gauge.builder(REACHABLE, this, KafkaReachability::reachable)
                .description("1 while every Kafka producer has a broker connection ready, else 0")
                .strongReference(true)
                .register(registry);
    }

    double reachable() {
        Predicate<HealthCheck> notKafkaProducer = check -> !check.getId().startsWith(KAFKA_PRODUCER_CHECK);
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(camel, notKafkaProducer);
        boolean up = !results.isEmpty() && results.stream().allMatch(result -> result.getState() == HealthCheck.State.UP);
        return up ? 1 : 0;
    }
}
