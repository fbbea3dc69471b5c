package com.rtcusage.usage;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.flow.FlowNames;
import java.util.List;
import org.springframework.stereotype.Component;

/** Turns the configured accounts into this sweep's requests, one per app. */
@Component(FlowNames.SWEEP_PLANNER)
public class SweepPlanner {

    private final RtcUsageProperties properties;

    public SweepPlanner(RtcUsageProperties properties) {
        this.properties = properties;
    }

    /** One entry per account, each with one request per app; each request plans its days as it leaves. */
    public List<AccountSweep> requests() {
        return properties.accounts().stream()
                .map(account -> new AccountSweep(account.name(), account.appIds().stream()
                        .map(appId -> new UsageRequest(account.name(), appId))
                        .toList()))
                .toList();
    }
}
