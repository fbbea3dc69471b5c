package com.rtcusage.config;

import org.springframework.stereotype.Component;

/**
 * Gives the route's throttle its period: {@code {{bean:rateLimitSpacing.millis}}}. One request per
 * period, evenly spaced, keeps every 1 s window at or under the limit, headroom included.
 */
@Component("rateLimitSpacing")
public class RateLimitSpacing {

    private final RtcUsageProperties.RateLimit rateLimit;

    public RateLimitSpacing(RtcUsageProperties properties) {
        this.rateLimit = properties.rateLimit();
    }

    public long millis() {
        return rateLimit.spacingMillis();
    }
}
