package com.rtcusage.support;

import com.rtcusage.Application;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service as it runs locally: the real routes/ files, the sandbox API on a random
 * loopback port, and a real in-process KRaft broker. Sweeps are triggered by the test, never by
 * the clock, so every sweep a test sees is one it started. The clock is the {@link SuiteClock}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(classes = Application.class, properties = {
        "rtc-usage.schedule.run-on-startup=false",
        "rtc-usage.schedule.cron=0 0 0 1 1 ? 2099",
        "rtc-usage.retry.initial-delay=100",
        "rtc-usage.retry.max-delay=500",
        "camel.main.routes-include-pattern=file:routes/*.camel.yaml",
        "server.port=-1"})
@ActiveProfiles("local")
@ContextConfiguration(initializers = SuiteClock.Initializer.class)
@Tag(SuiteClock.TAG)
@EmbeddedKafka(kraft = true, partitions = 2)
public @interface PipelineTest {
}
