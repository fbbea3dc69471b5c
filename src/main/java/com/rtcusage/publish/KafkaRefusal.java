package com.rtcusage.publish;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.failure.Failures;
import com.rtcusage.failure.KafkaUnavailableException;
import com.rtcusage.failure.Refusal;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.stop.SweepGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * What follows when Kafka refuses for good (routes/9-errors, clause stop-when-kafka-refuses): the
 * sweep stops sending requests, one ERROR line per sweep names the cause and the topic, readiness
 * (health contributor {@code kafkaRefusal}) is DOWN with the reason, and the gauge
 * {@code rtc_usage_kafka_refused} is 1 with the counter {@code rtc_usage_kafka_refusals_total}
 * (topic, reason) counting each sweep it stopped. The refusal lasts while the sweep gate is closed
 * for it: the next sweep's start clears it, and so does the time of the next scheduled sweep, which
 * tries again (with leader election only a ready pod may lead, so a pod kept unready until a sweep
 * succeeds would never sweep again). Records of other apps Kafka acknowledges after the refusal were
 * in flight before it and clear nothing.
 */
@Component(FlowNames.KAFKA_REFUSAL)
public class KafkaRefusal implements HealthIndicator {

    static final String REFUSED = "rtc_usage.kafka.refused";
    static final String REFUSALS = "rtc_usage.kafka.refusals";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRefusal.class);

    private final Failures failures;
    private final SweepGate gate;
    private final MeterRegistry registry;
    private final Clock clock;
    private final CronExpression schedule;
    private final AtomicReference<Refusal> current = new AtomicReference<>();
    private volatile Instant retryAt = Instant.MAX;

    @Autowired
    public KafkaRefusal(Failures failures, SweepGate gate, MeterRegistry registry, RtcUsageProperties properties,
            Clock clock) throws ParseException {
        this(failures, gate, registry, properties.schedule().cron(), properties.schedule().timeZone(), clock);
    }

    KafkaRefusal(Failures failures, SweepGate gate, MeterRegistry registry, String cron, ZoneId zone, Clock clock)
            throws ParseException {
        this.failures = failures;
        this.gate = gate;
        this.registry = registry;
        this.clock = clock;
        this.schedule = new CronExpression(cron);
        this.schedule.setTimeZone(TimeZone.getTimeZone(zone));
        Gauge.builder(REFUSED, this, refusal -> refusal.current().isPresent() ? 1 : 0)
                .description("1 while Kafka refuses the service for a reason waiting cannot cure, else 0")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Handles an exchange Kafka refused: stops the sweep and says why, once per sweep. Waiting for
     * Kafka that ended without a refusal (Camel stopped redelivering at shutdown) fails on as it was.
     */
    public void refused(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Optional<Refusal> named = failures.refusal(exchange);   // classified once, read from the exchange
        if (named.isEmpty()) {
            throw new KafkaUnavailableException("gave up waiting for Kafka", failure);
        }
        Refusal refusal = named.get();
        Date next = schedule.getNextValidTimeAfter(Date.from(clock.instant()));
        retryAt = next == null ? Instant.MAX : next.toInstant();
        current.set(refusal);
        if (gate.close(SweepGate.Reason.KAFKA_REFUSED)) {
            LOG.error(refusal.line());
            Counter.builder(REFUSALS).description("Sweeps stopped because Kafka refused, by topic and reason")
                    .tags("topic", refusal.topic(), "reason", refusal.code()).register(registry).increment();
        }
    }

    /** The refusal in force: from the last one until the next sweep starts or is due. */
    public Optional<Refusal> current() {
        Refusal refusal = current.get();
        if (refusal != null && (!gate.isClosedFor(SweepGate.Reason.KAFKA_REFUSED) || !clock.instant().isBefore(retryAt))) {
            current.compareAndSet(refusal, null);
            return Optional.empty();
        }
        return Optional.ofNullable(refusal);
    }

    @Override
    public Health health() {
        Refusal refusal = current().orElse(null);
        if (refusal == null) {
            return Health.up().build();
        }
        return Health.down().withDetail("reason", refusal.code()).withDetail("topic", refusal.topic())
                .withDetail("detail", refusal.detail()).build();
    }
}
