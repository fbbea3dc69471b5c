package com.rtcusage.metrics;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.pricing.Cost;
import com.rtcusage.pricing.CostCalculator;
import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.sweep.SweepListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What reached Kafka, per account: records published (acknowledged) and skipped as unchanged,
 * dead letters by app and reason, and the cost of every app-day published as final, per currency
 * and tier. The cost counter is an operational figure in binary floating point, counted once per
 * app-day when it becomes final (a later correction of a final day counts again); billing uses the
 * records, never this.
 */
@Component
public class PublishMetrics implements SweepListener {

    static final String PUBLISHED = "rtc_usage.records.published";
    static final String UNCHANGED = "rtc_usage.records.unchanged";
    static final String DEAD_LETTERS = "rtc_usage.dead.letters";
    static final String FINAL_COST = "rtc_usage.final.cost";
    /** Tag values of the cost counter: the tiers of a record's {@code cost}, in its order. */
    static final List<String> TIERS = List.of("audio", "video360p", "video720p", "video1080p");

    private final MeterRegistry registry;

    public PublishMetrics(MeterRegistry registry, RtcUsageProperties properties, CostCalculator costs) {
        this.registry = registry;
        // Every configured account shows its series at 0 from the start, not only after its first record.
        for (RtcUsageProperties.Account account : properties.accounts()) {
            publishedCounter(account.name());
            unchangedCounter(account.name());
            TIERS.forEach(tier -> costCounter(account.name(), costs.currencyOf(account.name()), tier));
        }
    }

    /** A record Kafka acknowledged, counted from the priced app-day it was written from. */
    @Override
    public void published(PricedUsage record) {
        String account = record.usage().account();
        publishedCounter(account).increment();
        if (record.usage().isFinal()) {
            Cost cost = record.cost();
            List<BigDecimal> amounts = List.of(cost.audio(), cost.video360p(), cost.video720p(), cost.video1080p());
            for (int i = 0; i < TIERS.size(); i++) {
                costCounter(account, cost.currency(), TIERS.get(i)).increment(amounts.get(i).doubleValue());
            }
        }
    }

    @Override
    public void unchanged(String account) {
        unchangedCounter(account).increment();
    }

    @Override
    public void deadLettered(String account, String appId, String reason) {
        Counter.builder(DEAD_LETTERS)
                .description("Dead letters published, by app and reason (the API's Error.Code or a local reason)")
                .tags("account", account, "app", appId, "reason", reason == null ? "Unknown" : reason)
                .register(registry)
                .increment();
    }

    private Counter publishedCounter(String account) {
        return Counter.builder(PUBLISHED).description("Records published to the record topic and acknowledged by Kafka")
                .tag("account", account).register(registry);
    }

    private Counter unchangedCounter(String account) {
        return Counter.builder(UNCHANGED).description("Records not published again: Kafka already holds the same content")
                .tag("account", account).register(registry);
    }

    private Counter costCounter(String account, String currency, String tier) {
        return Counter.builder(FINAL_COST)
                .description("Cost of app-days published as final (operational figure; billing uses the records)")
                .tags("account", account, "currency", currency, "tier", tier)
                .register(registry);
    }
}
