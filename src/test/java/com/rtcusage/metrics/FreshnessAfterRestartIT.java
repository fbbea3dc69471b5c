package com.rtcusage.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.support.FixedTime;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.sweep.SweepSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Freshness survives a restart: a service started a day after the last fetch, whose own fetches
 * all fail, still knows from the record topic when each configured app was last fetched, so the
 * staleness alert counts from then and not from the restart.
 */
@EmbeddedKafka(kraft = true, partitions = 1)
class FreshnessAfterRestartIT {

    private final MovableClock clock = new MovableClock(FixedTime.START);

    @Test
    void aRestartedServiceReadsTheLastFetchOfEveryConfiguredAppFromTheTopic(EmbeddedKafkaBroker broker) {
        try (ConfigurableApplicationContext before = start(broker, "fresh-1,fresh-2,retired-app",
                "sandbox.accounts[0].secret-access-key=fresh-secret")) {
            assertThat(LocalService.sweep(before).isComplete()).isTrue();
        }
        clock.advance(Duration.ofDays(1));

        // The API no longer takes the key: nothing is fetched in this life, retired-app is no longer configured.
        try (ConfigurableApplicationContext after = start(broker, "fresh-1,fresh-2",
                "sandbox.accounts[0].secret-access-key=rotated-secret")) {
            SweepSummary summary = LocalService.sweep(after);

            assertThat(summary.appsFailed()).as(summary.line()).isEqualTo(2);
            assertThat(lastFetchByApp(after.getBean(MeterRegistry.class)))
                    .containsOnly(Map.entry("fresh-1", (double) FixedTime.START.getEpochSecond()),
                            Map.entry("fresh-2", (double) FixedTime.START.getEpochSecond()));
        }
    }

    private ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String appIds, String sandboxSecret) {
        List<String> properties = new ArrayList<>(List.of(
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(),
                "rtc-usage.schedule.run-on-startup=false",
                "rtc-usage.window.days=2",
                "rtc-usage.kafka.topic=fresh.usage",
                "rtc-usage.kafka.dead-letter-topic=fresh.dead",
                "rtc-usage.accounts[0].name=fresh",
                "rtc-usage.accounts[0].access-key-id=AKLTfreshnesstest0000000000000001",
                "rtc-usage.accounts[0].secret-access-key=fresh-secret",
                "rtc-usage.accounts[0].app-ids=" + appIds,
                "sandbox.accounts[0].access-key-id=AKLTfreshnesstest0000000000000001",
                "sandbox.accounts[0].app-ids=fresh-1,fresh-2,retired-app",
                sandboxSecret));
        return LocalService.start(clock, properties.toArray(String[]::new));
    }

    private static Map<String, Double> lastFetchByApp(MeterRegistry registry) {
        return registry.find(AppFreshness.LAST_FETCH).gauges().stream()
                .collect(Collectors.toMap(gauge -> gauge.getId().getTag("app"), Gauge::value));
    }
}
