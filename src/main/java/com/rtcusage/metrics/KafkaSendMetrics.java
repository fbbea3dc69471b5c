package com.rtcusage.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.springframework.stereotype.Component;

/**
 * {@code rtc_usage_kafka_send_seconds}: how long each send to Kafka took until every record in it
 * was acknowledged (one record, or one dead letter), by topic and outcome.
 * It stands in for Camel's exchange event notifier, which is off because it searched the whole
 * meter registry on every exchange (see application.yaml).
 */
@Component
public class KafkaSendMetrics implements SendEvents.Listener {

    static final String SEND_DURATION = "rtc_usage.kafka.send";

    private final MeterRegistry registry;

    public KafkaSendMetrics(CamelContext camel, MeterRegistry registry) {
        this.registry = registry;
        SendEvents.listen(camel, this);
    }

    @Override
    public void sent(Exchange exchange, Endpoint endpoint, long millis) {
        if (endpoint instanceof KafkaEndpoint kafka) {
            Timer.builder(SEND_DURATION)
                    .description("Time a send to Kafka took until all its records were acknowledged (or it failed)")
                    .tags("topic", kafka.getConfiguration().getTopic(),
                            "outcome", exchange.getException() == null ? "acknowledged" : "failed")
                    .register(registry)
                    .record(millis, TimeUnit.MILLISECONDS);
        }
    }
}
