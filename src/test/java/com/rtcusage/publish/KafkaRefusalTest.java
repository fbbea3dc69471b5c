package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rtcusage.failure.Failures;
import com.rtcusage.failure.KafkaUnavailableException;
import com.rtcusage.stop.SweepGate;
import com.rtcusage.support.MovableClock;
import com.rtcusage.sweep.SweepListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** What a refusal turns on, and what turns it off again: the next sweep's start, or the next scheduled sweep's time. */
class KafkaRefusalTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T03:00:00Z")); // 11:00 in Beijing
    private final SweepGate gate = new SweepGate();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aRefusalStopsTheSweepAndIsDownUntilTheNextScheduledSweepIsDue() throws Exception {
        KafkaRefusal refusal = new KafkaRefusal(new Failures(), gate, registry, "0 20 0/6 * * ?", ZoneId.of("Asia/Shanghai"), clock);

        refusal.refused(failed(new RecordTooLargeException("The message is 2000 bytes")));
        refusal.refused(failed(new RecordTooLargeException("The message is 2001 bytes")));

        assertThat(gate.isOpen()).isFalse();
        assertThat(refusal.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(refusal.health().getDetails()).containsEntry("reason", "RecordTooLarge").containsEntry("topic", "rtc.usage.daily");
        assertThat(registry.get("rtc_usage.kafka.refused").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("rtc_usage.kafka.refusals").tags("topic", "rtc.usage.daily", "reason", "RecordTooLarge")
                .counter().count()).as("once per sweep").isEqualTo(1.0);

        clock.advance(Duration.ofMinutes(79));                 // 12:19 in Beijing, the next sweep at 12:20
        assertThat(refusal.health().getStatus()).isEqualTo(Status.DOWN);
        clock.advance(Duration.ofMinutes(1));
        assertThat(refusal.health().getStatus()).as("the next sweep tries again").isEqualTo(Status.UP);
        assertThat(registry.get("rtc_usage.kafka.refused").gauge().value()).isZero();
    }

    /**
     * Issue 20 #6: records of other apps still in flight when Kafka refused are acknowledged
     * afterwards; they cleared the refusal within milliseconds, so gauge and readiness flapped and
     * the alert (for: 1m) might never fire. Only the next sweep's start clears it.
     */
    @Test
    void recordsAcknowledgedAfterTheRefusalDoNotClearItTheNextSweepDoes() throws Exception {
        KafkaRefusal refusal = new KafkaRefusal(new Failures(), gate, registry, "0 20 0/6 * * ?", ZoneId.of("Asia/Shanghai"), clock);
        refusal.refused(failed(new RecordTooLargeException("The message is 2000 bytes")));

        assertThat(refusal).as("nothing an acknowledgement could call").isNotInstanceOf(SweepListener.class);
        assertThat(refusal.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(registry.get("rtc_usage.kafka.refused").gauge().value()).isEqualTo(1.0);

        gate.sweepStarts();

        assertThat(refusal.current()).isEmpty();
        assertThat(refusal.health().getStatus()).isEqualTo(Status.UP);
        assertThat(registry.get("rtc_usage.kafka.refused").gauge().value()).isZero();
    }

    @Test
    void waitingForKafkaThatEndedWithoutARefusalFailsOnAsItWas() throws Exception {
        KafkaRefusal refusal = new KafkaRefusal(new Failures(), gate, registry, "0 20 0/6 * * ?", ZoneId.of("Asia/Shanghai"), clock);

        assertThatThrownBy(() -> refusal.refused(failed(new TimeoutException("Expiring 1 record(s)"))))
                .isInstanceOf(KafkaUnavailableException.class);
        assertThat(gate.isOpen()).isTrue();
        assertThat(refusal.current()).isEmpty();
    }

    private static Exchange failed(Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        exchange.setProperty(Exchange.FAILURE_ENDPOINT, "kafka://rtc.usage.daily");
        return exchange;
    }
}
