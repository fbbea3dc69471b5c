package com.rtcusage;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** Pulls Volcengine RTC usage and publishes priced app-day records to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        exitIfRunOnce(SpringApplication.run(Application.class, args));
    }

    /** In one-shot and check mode the sweep or the check has run by now: leave with its exit code. */
    public static void exitIfRunOnce(ConfigurableApplicationContext context) {
        if (context.getEnvironment().getProperty("rtc-usage.one-shot", Boolean.class, false)
                || context.getEnvironment().getProperty("rtc-usage.check", Boolean.class, false)) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** The time source of planning, signing and finality; tests replace it with a fixed clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
