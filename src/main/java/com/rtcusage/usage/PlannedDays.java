package com.rtcusage.usage;

import com.rtcusage.flow.FlowNames;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps exactly the days a request planned. Whether the API's EndTime is inclusive is not
 * something to rely on, so a day outside the window is an anomaly to log, never a record, and
 * never a dead letter either: it is judged by its day alone, before anything else of it is read,
 * so a malformed entry the window does not want cannot fail the app.
 */
@Component(FlowNames.PLANNED_DAYS)
public class PlannedDays {

    private static final Logger LOG = LoggerFactory.getLogger(PlannedDays.class);

    /**
     * True for a day of the window, and for an entry whose {@code TimeStamp} names no day: such an
     * entry cannot be shown to lie outside the window, so it goes on to the reader, which
     * dead-letters it rather than drop what may be a planned day's figures.
     */
    public boolean isPlanned(UsageEntry entry, @ExchangeProperty(FlowNames.USAGE_WINDOW) UsageWindow window) {
        if (entry.day() == null || window.contains(entry.day())) {
            return true;
        }
        LOG.warn("Ignoring {} for app {} (RequestId {}): outside the planned window {} .. {}",
                entry.day(), entry.request().appId(), entry.requestId(), window.firstDay(), window.endDay().minusDays(1));
        return false;
    }
}
