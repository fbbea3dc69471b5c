package com.rtcusage.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The clock of every test that does not set its own: the real one, or, with {@code -Dsuite.clock},
 * one that runs on from the moment it names, so the whole suite can be run at a chosen hour (the
 * guard runs it at 00:30 and 12:00 in Beijing). The value is a time of day in Beijing, on today's
 * Beijing date ({@code 00:30}), or an instant ({@code 2026-11-26T16:30:00Z}). Service and sandbox
 * read the same clock, so a test that depends on the hour it runs at fails at one of the two.
 */
public final class SuiteClock {

    public static final String PROPERTY = "suite.clock";
    /** Marks the test classes that run on this clock: the guard runs them again at two hours. */
    public static final String TAG = "suite-clock";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = fromProperty(System.getProperty(PROPERTY));

    private SuiteClock() {
    }

    public static Clock clock() {
        return CLOCK;
    }

    static Clock fromProperty(String value) {
        if (value == null || value.isBlank()) {
            return Clock.systemUTC();
        }
        Instant start = value.contains("T")
                ? Instant.parse(value)
                : LocalDate.now(BEIJING).atTime(LocalTime.parse(value)).atZone(BEIJING).toInstant();
        return new RunningClock(start);
    }

    /**
     * Puts the suite clock in place of the service's own {@code clock} bean. A test's own clock
     * (a {@code @Primary} one, as {@link FixedTime} declares) still wins over both.
     */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return "clock".equals(name) && bean instanceof Clock ? CLOCK : bean;
                }
            });
        }
    }
}
