package com.rtcusage.support;

import com.rtcusage.Application;
import com.rtcusage.sweep.SweepSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts the whole service in profile {@code local} the way {@code main} does, for tests that
 * need more than one life of it (a restart, one-shot mode). Properties go in as command-line
 * arguments, which win over application.yaml as they do in production. Its clock can be fixed.
 */
public final class LocalService {

    private LocalService() {
    }

    /** The service in a JVM of its own, as {@code Application.main} runs it, on the {@link SuiteClock}. */
    public static void main(String[] args) {
        new SpringApplicationBuilder(Application.class).initializers(new SuiteClock.Initializer()).run(args);
    }

    /** {@code properties} are {@code key=value}; they replace the test defaults of the same key. */
    public static ConfigurableApplicationContext start(Clock clock, String... properties) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String property : List.of(
                "rtc-usage.schedule.cron=0 0 0 1 1 ? 2099",
                "rtc-usage.retry.initial-delay=100",
                "rtc-usage.retry.max-delay=500",
                "camel.main.routes-include-pattern=file:routes/*.camel.yaml",
                "server.port=-1")) {
            put(settings, property);
        }
        for (String property : properties) {
            put(settings, property);
        }
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(Application.class)
                .profiles("local")
                .initializers(runningOn(clock))
                .run(arguments.toArray(String[]::new));
    }

    /** Service and sandbox read {@code clock}: it wins over the service's own and the {@link SuiteClock}. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> runningOn(Clock clock) {
        return context -> {
            new SuiteClock.Initializer().initialize(context);
            ((GenericApplicationContext) context)
                    .registerBean("testClock", Clock.class, () -> clock, definition -> definition.setPrimary(true));
        };
    }

    private static void put(Map<String, String> settings, String property) {
        int equals = property.indexOf('=');
        settings.put(property.substring(0, equals), property.substring(equals + 1));
    }

    public static SweepSummary sweep(ConfigurableApplicationContext service) {
        return service.getBean(ProducerTemplate.class).requestBody("direct:sweep", null, SweepSummary.class);
    }
}
