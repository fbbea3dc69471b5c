package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.metrics.AppFreshness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a configured app costs to keep while the service runs, for 100 accounts x 100 apps: the
 * dedup state of 30 app-days each (what Kafka holds) and the freshness series of each app, in the
 * registry Prometheus scrapes. Judged on the heap a full collection leaves, not on a sweep's peak.
 */
class PerAppMemoryTest {

    private static final int ACCOUNTS = 100;
    private static final int APPS_PER_ACCOUNT = 100;
    private static final int APPS = ACCOUNTS * APPS_PER_ACCOUNT;
    private static final int DAYS = 30;
    /**
     * About 1.5 KiB measured (0.8 dedup, 0.7 freshness), twice that allowed for the collector's
     * noise; the former dedup state alone took 6.4 KiB. Issue 13's goal is 20 KiB per app in all.
     */
    private static final long BUDGET_PER_APP = 3 * 1024;

    @Test
    void dedupStateAndFreshnessOfTenThousandAppsStaySmall() {
        List<RtcUsageProperties.Account> accounts = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            List<String> apps = new ArrayList<>();
            for (int i = 0; i < APPS_PER_ACCOUNT; i++) {
                apps.add("app-" + a + "-" + i + "-661e2f0c3b5d4a2e9c8f");
            }
            accounts.add(new RtcUsageProperties.Account("account-" + a, "AKLT" + a, null, null, null, null, null, apps, null));
        }
        RtcUsageProperties properties = new RtcUsageProperties(null, null, null, null, false, false, null, accounts, null, null);
        LocalDate firstDay = LocalDate.of(2026, 11, 1);

        long before = retainedHeap();
        PublishedState state = new PublishedState(Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC));
        for (RtcUsageProperties.Account account : accounts) {
            for (String app : account.appIds()) {
                for (int d = 0; d < DAYS; d++) {
                    String key = app + ':' + firstDay.plusDays(d);
                    state.remember(key, UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
                }
            }
        }
        long afterState = retainedHeap();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AppFreshness freshness = new AppFreshness(registry, properties);
        Instant fetchedAt = Instant.parse("2026-12-01T03:00:00Z");
        accounts.forEach(account -> account.appIds().forEach(app -> freshness.fetched(account.name(), app, fetchedAt)));
        long afterMetrics = retainedHeap();

        long statePerApp = (afterState - before) / APPS;
        long metricsPerApp = (afterMetrics - afterState) / APPS;
        System.out.printf("Per app: dedup state %d B, freshness series %d B, total %d B%n", statePerApp, metricsPerApp,
                statePerApp + metricsPerApp);
        assertThat(state.size()).isEqualTo(APPS * DAYS);
        assertThat(registry.scrape()).contains("app=\"app-99-99-661e2f0c3b5d4a2e9c8f\"");
        assertThat(statePerApp + metricsPerApp).as("bytes per app").isLessThan(BUDGET_PER_APP);
    }

    private static long retainedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
