package com.rtcusage.metrics;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.publish.TopicReadBack;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * When each configured app last got an answer with figures, as the gauge
 * {@code rtc_usage_app_last_fetch_timestamp_seconds{account, app}} (epoch seconds): the time
 * staleness alerts count from. After a restart it starts from the newest {@code ce_time} read back
 * from the record topic, so a restart never makes stale data look fresh or unknown. An app has no
 * series until it is fetched or read back once; the value never goes backwards.
 */
@Component
public class AppFreshness implements TopicReadBack.Listener {

    static final String LAST_FETCH = "rtc_usage.app.last.fetch.timestamp";

    private final MeterRegistry registry;
    private final Map<String, String> accountByApp = new HashMap<>();
    private final Map<String, AtomicLong> lastFetchByApp = new ConcurrentHashMap<>();

    public AppFreshness(MeterRegistry registry, RtcUsageProperties properties) {
        this.registry = registry;
        properties.accounts().forEach(account -> account.appIds().forEach(app -> accountByApp.put(app, account.name())));
    }

    /** The app's request was answered with figures at {@code fetchedAt}. */
    public void fetched(String account, String appId, Instant fetchedAt) {
        long epochSecond = fetchedAt.getEpochSecond();
        lastFetchByApp.computeIfAbsent(account + '/' + appId, key -> register(account, appId, epochSecond))
                .accumulateAndGet(epochSecond, Math::max);
    }

    /** A fetch found in the record topic at start; apps no longer configured are left out. */
    @Override
    public void fetchedBefore(String appId, Instant fetchedAt) {
        String account = accountByApp.get(appId);
        if (account != null) {
            fetched(account, appId, fetchedAt);
        }
    }

    private AtomicLong register(String account, String appId, long epochSecond) {
        AtomicLong epochSeconds = new AtomicLong(epochSecond);
        Gauge.builder(LAST_FETCH, epochSeconds, AtomicLong::get)
                .description("When the app's last answer with figures arrived, for freshness")
                .baseUnit("seconds")
                .tags("account", account, "app", appId)
                .strongReference(true)
                .register(registry);
        return epochSeconds;
    }
}
