package com.rtcusage.metrics;

import com.rtcusage.api.DeparturePacing;
import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.config.RtcUsageProperties.Account;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code rtc_usage_api_arrival_margin_seconds{account}}: the arrival margin the pace holds
 * each account to. It is {@code rate-limit.arrival-margin} until a 429 doubles it (up to 1 s), and
 * comes half way back after each sweep without one; above the configured value it says the account
 * was throttled lately and its sweeps run slower by that much per pair of requests.
 */
@Component
public class ArrivalMarginMetrics {

    static final String MARGIN = "rtc_usage.api.arrival.margin";

    public ArrivalMarginMetrics(RtcUsageProperties properties, DeparturePacing pacing, MeterRegistry registry) {
        for (Account account : properties.accounts()) {   // never empty: validated at start
            Gauge.builder(MARGIN, pacing, paced -> paced.marginNanos(account.name()) / (double) TimeUnit.SECONDS.toNanos(1))
                    .description("Arrival margin the pace holds the account to: the configured one, raised by 429s")
                    .baseUnit("seconds")
                    .tag("account", account.name())
                    .register(registry);
        }
    }
}
