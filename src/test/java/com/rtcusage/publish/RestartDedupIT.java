package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * What was published survives a restart: the state lives in Kafka (read back from the compacted
 * record topic), so a new process over the same, unchanged window publishes nothing.
 */
@EmbeddedKafka(kraft = true, partitions = 2)
class RestartDedupIT {

    @Test
    void aRestartedServicePublishesOnlyWhatChanged(EmbeddedKafkaBroker broker) {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-26T03:00:00Z"));
        String[] settings = {"camel.component.kafka.brokers=" + broker.getBrokersAsString(),
                "rtc-usage.kafka.topic=restart.usage", "rtc-usage.kafka.dead-letter-topic=restart.dead",
                "rtc-usage.schedule.run-on-startup=false"};

        try (ConfigurableApplicationContext first = LocalService.start(clock, settings)) {
            assertThat(LocalService.sweep(first).published()).isEqualTo(5 * 30);
        }

        try (ConfigurableApplicationContext second = LocalService.start(clock, settings)) {
            SweepSummary same = LocalService.sweep(second);
            assertThat(same.published()).isZero();
            assertThat(same.unchanged()).isEqualTo(5 * 30);

            clock.set(Instant.parse("2026-11-26T05:00:00Z")); // two more hours of today's figures
            SweepSummary later = LocalService.sweep(second);
            assertThat(later.published()).isEqualTo(5);
        }

        var records = TopicReader.readAll(broker.getBrokersAsString(), "restart.usage");
        assertThat(records).hasSize(5 * 30 + 5);
        LateDataAndCatchUpIT.assertNoKeyRepeatsItsContent(records);
    }
}
