package com.rtcusage.support;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test controls; the service and the sandbox both read it, always in UTC. */
abstract class UtcTestClock extends Clock {

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
