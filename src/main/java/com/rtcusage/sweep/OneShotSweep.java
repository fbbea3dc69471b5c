package com.rtcusage.sweep;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.publish.KafkaRefusal;
import com.rtcusage.stop.SweepGate;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * One-shot mode: one sweep, which returns only after Kafka acknowledged every record, then an exit
 * code a Kubernetes Job's podFailurePolicy can act on: whether running again may help. Check mode
 * ({@code rtc-usage.check}) wins: it sweeps nothing.
 */
@Component
@ConditionalOnExpression("${rtc-usage.one-shot:false} and !${rtc-usage.check:false}")
public class OneShotSweep implements ApplicationRunner, ExitCodeGenerator {

    /** Every request answered, every reported day published (or already in Kafka), nothing dead-lettered. */
    public static final int COMPLETE = 0;
    /**
     * Failures that may clear: requests still failing after their retries (429, 5xx, timeouts, connection),
     * or Kafka unreachable for longer than {@code rtc-usage.kafka.one-shot-wait}.
     */
    public static final int TRANSIENT = 10;
    /** Failures that will not clear by running again: the API refused a request, or a day was unprocessable. */
    public static final int REJECTED = 11;
    /** Kafka refused the service (authorization, too large, timestamp, missing topic, settings): fix that, then run again. */
    public static final int KAFKA_REFUSED = 12;
    /** An error no rule knows (a bug): its apps were dead-lettered as {@code Unexpected}; report it. */
    public static final int UNEXPECTED = 13;

    private static final Logger LOG = LoggerFactory.getLogger(OneShotSweep.class);

    private final ProducerTemplate producer;
    private final KafkaRefusal refusal;
    private volatile int exitCode = TRANSIENT;

    public OneShotSweep(ProducerTemplate producer, KafkaRefusal refusal) {
        this.producer = producer;
        this.refusal = refusal;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            SweepSummary summary = producer.requestBody(FlowNames.SWEEP, null, SweepSummary.class);
            boolean refused = refusal.current().isPresent()
                    || (summary != null && SweepGate.Reason.KAFKA_REFUSED.text().equals(summary.stoppedBy()));
            // No summary: the sweep stopped before it planned anything (Kafka unreachable at its read-back
            // for longer than the wait, too), and said why already.
            exitCode = refused ? KAFKA_REFUSED : summary == null ? TRANSIENT : exitCode(summary);
        } catch (RuntimeException e) {
            LOG.error("Sweep failed before it could finish: {}", e.getMessage());
            exitCode = refusal.current().isPresent() ? KAFKA_REFUSED : TRANSIENT;
        }
    }

    /** What a sweep with this summary exits with. */
    public static int exitCode(SweepSummary summary) {
        if (summary.isComplete()) {
            return COMPLETE;
        }
        if (summary.appsUnexpected() > 0) {
            return UNEXPECTED;
        }
        return summary.appsRejected() > 0 ? REJECTED : TRANSIENT;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
