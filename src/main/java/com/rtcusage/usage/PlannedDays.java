package com.rtcusage.usage;

import com.rtcusage.flow.FlowNames;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps exactly the days a request planned. Whether the API's EndTime is inclusive is not
 * something to rely on, so a day outside the window is an anomaly to log, never a record.
 */
@Component(FlowNames.PLANNED_DAYS)
public class PlannedDays {

    private static final Logger LOG = LoggerFactory.getLogger(PlannedDays.class);

    public boolean isPlanned(DailyUsage usage, @ExchangeProperty(FlowNames.USAGE_WINDOW) UsageWindow window) {
        if (window.contains(usage.day())) {
            return true;
        }
        LOG.warn("Ignoring {} for app {} (RequestId {}): outside the planned window {} .. {}",
                usage.day(), usage.appId(), usage.requestId(), window.firstDay(), window.endDay().minusDays(1));
        return false;
    }
}
