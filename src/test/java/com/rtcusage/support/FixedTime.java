package com.rtcusage.support;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Import into a {@link PipelineTest} to run service and sandbox on a {@link MovableClock}, starting
 * at 2026-11-26T03:00:00Z (11:00 in Beijing). Fixed time makes every answer repeatable.
 */
@TestConfiguration
public class FixedTime {

    public static final Instant START = Instant.parse("2026-11-26T03:00:00Z");

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock(START);
    }
}
