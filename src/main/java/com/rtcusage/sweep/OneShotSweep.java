package com.rtcusage.sweep;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * One-shot mode: one sweep, which returns only after Kafka acknowledged every record, then an
 * exit code: 0 when every planned app-day is published and nothing was dead-lettered, 1 otherwise.
 */
@Component
@ConditionalOnProperty(name = "rtc-usage.one-shot", havingValue = "true")
public class OneShotSweep implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(OneShotSweep.class);

    private final ProducerTemplate producer;
    private volatile int exitCode = 1;

    public OneShotSweep(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);
            exitCode = summary.isComplete() ? 0 : 1;
        } catch (RuntimeException e) {
            LOG.error("Sweep failed before it could finish: {}", e.getMessage());
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
