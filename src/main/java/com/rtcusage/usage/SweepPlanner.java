package com.rtcusage.usage;

import com.rtcusage.config.RtcUsageProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** Turns the configured accounts into this sweep's requests, one per app. */
@Component("sweepPlanner")
public class SweepPlanner {

    private final RtcUsageProperties properties;
    private final Clock clock;

    public SweepPlanner(RtcUsageProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** One entry per account, each with one request per app, all over the same window. */
    public List<AccountSweep> requests() {
        UsageWindow window = WindowPlanner.plan(clock.instant(), properties.window().days());
        return properties.accounts().stream()
                .map(account -> new AccountSweep(account.name(), account.appIds().stream()
                        .map(appId -> new UsageRequest(account.name(), appId, window))
                        .toList()))
                .toList();
    }
}
