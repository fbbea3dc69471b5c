package com.rtcusage.publish;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.failure.Failures;
import com.rtcusage.failure.KafkaUnavailableException;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.stop.SweepGate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How long an unreachable Kafka is waited for (routes/9-errors, clause wait-for-kafka). Service mode
 * waits without end: nothing is dropped, the sweep goes on once the broker is back. A one-shot run
 * waits {@code rtc-usage.kafka.one-shot-wait}, counted from the first failed attempt since Kafka last
 * answered, so a CronJob ends instead of hanging; then it stops the sweep through the
 * {@link SweepGate} (reason {@link SweepGate.Reason#KAFKA_UNREACHABLE}), says so in one ERROR line
 * naming the brokers, and exits 10. The time is the JVM's monotonic one, never the service's clock,
 * which tests may hold still.
 */
@Component(FlowNames.KAFKA_WAIT)
public class KafkaWait {

    /** No outage since Kafka last answered. */
    static final long NONE = Long.MIN_VALUE;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaWait.class);

    private final Failures failures;
    private final SweepGate gate;
    private final KafkaClients clients;
    /** Null in service mode: no limit. */
    private final Duration limit;
    private final LongSupplier nanoTime;
    private final AtomicLong outageSince = new AtomicLong(NONE);

    @Autowired
    public KafkaWait(Failures failures, SweepGate gate, KafkaClients clients, RtcUsageProperties properties) {
        this(failures, gate, clients, properties.oneShot() ? properties.kafka().oneShotWait() : null, System::nanoTime);
    }

    KafkaWait(Failures failures, SweepGate gate, KafkaClients clients, Duration limit, LongSupplier nanoTime) {
        this.failures = failures;
        this.gate = gate;
        this.clients = clients;
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /**
     * Whether an outage of Kafka that began at {@code sinceNanos} ({@link #NONE}: none) has lasted
     * longer than {@code limit} (null: no limit) at {@code nowNanos}.
     */
    static boolean waitedOut(long sinceNanos, long nowNanos, Duration limit) {
        return limit != null && sinceNanos != NONE && nowNanos - sinceNanos > limit.toNanos();
    }

    /**
     * The clause's retryWhile: true while the exchange failed because Kafka is away and the wait is
     * not over. Notes the outage's first failure, from which the wait is counted.
     */
    public boolean keepsWaiting(Exchange exchange) {
        if (!failures.isKafkaOutage(exchange)) {
            return false;
        }
        long now = nanoTime.getAsLong();
        outageSince.compareAndSet(NONE, now);
        return !waitedOut(outageSince.get(), now, limit);
    }

    /**
     * Redelivery ended without a refusal. After the one-shot wait: the sweep stops (once, with one
     * ERROR line) and the exchange is handled, its records left for the next run. Otherwise Camel
     * stopped redelivering (shutdown): the exchange fails on as it was.
     */
    public void gaveUp(Exchange exchange) {
        if (!waitedOut(outageSince.get(), nanoTime.getAsLong(), limit)) {
            throw new KafkaUnavailableException("gave up waiting for Kafka",
                    exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        }
        if (gate.close(SweepGate.Reason.KAFKA_UNREACHABLE)) {
            LOG.error("Kafka at {} unreachable for longer than rtc-usage.kafka.one-shot-wait ({}): the one-shot sweep"
                    + " stops; what Kafka did not acknowledge is left to the next run", clients.brokers(), limit);
        }
    }

    /** Kafka acknowledged a record or dead letter (told by the sweep's report): an outage, if there was one, is over. */
    public void answered() {
        outageSince.set(NONE);
    }
}
