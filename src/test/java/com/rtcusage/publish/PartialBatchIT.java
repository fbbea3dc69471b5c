package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.support.FixedTime;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Issue 14: one record of an answer fails while Kafka acknowledges the others; the retry sends that
 * record again, not the ones already acknowledged.
 */
@EmbeddedKafka(kraft = true, partitions = 2)
class PartialBatchIT {

    @Test
    void aRetryAfterAPartialFailureSendsOnlyWhatKafkaDidNotAcknowledge(EmbeddedKafkaBroker broker) {
        LocalDate today = LocalDate.ofInstant(FixedTime.START, ZoneOffset.ofHours(8));
        FailOncePartitioner.FAIL_ONCE.add("demo-app-a1:" + today);
        FailOncePartitioner.FAIL_ONCE.add("demo-app-b2:" + today.minusDays(1));

        try (ConfigurableApplicationContext service = LocalService.start(new MovableClock(FixedTime.START),
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(),
                "camel.component.kafka.partitioner=" + FailOncePartitioner.class.getName(),
                "rtc-usage.kafka.topic=partial.usage", "rtc-usage.kafka.dead-letter-topic=partial.dead",
                "rtc-usage.window.days=3", "rtc-usage.schedule.run-on-startup=false")) {
            SweepSummary summary = LocalService.sweep(service);

            assertThat(summary.isComplete()).as(summary.line()).isTrue();
            assertThat(summary.published()).isEqualTo(5 * 3);
        }

        assertThat(FailOncePartitioner.FAIL_ONCE).as("both failures happened").isEmpty();
        KafkaOutageIT.assertEveryAppDayExactlyOnce(TopicReader.readAll(broker.getBrokersAsString(), "partial.usage"));
        assertThat(TopicReader.readAll(broker.getBrokersAsString(), "partial.dead")).isEmpty();
    }
}
