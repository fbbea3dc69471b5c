package com.rtcusage.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.beans.factory.BeanFactory;

/**
 * The application's {@link Clock} bean, looked up on every reading. The sandbox starts before the
 * beans exist, yet must keep the same time as the service: its X-Date check and its 8-hour data
 * delay then agree with the signer and the planner, also when a test moves time.
 */
final class ApplicationClock extends Clock {

    private final BeanFactory beans;

    ApplicationClock(BeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public Instant instant() {
        return beans.getBean(Clock.class).instant();
    }

    @Override
    public ZoneId getZone() {
        return beans.getBean(Clock.class).getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return beans.getBean(Clock.class).withZone(zone);
    }
}
