package com.rtcusage.check;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Check mode ({@code rtc-usage.check=true}): once the configuration was bound and validated as at
 * every start, asks Kafka and the API whether the service could run, prints the report on standard
 * output and leaves with its exit code. Publishes nothing, and no sweep runs: the trigger routes and
 * the one-shot sweep stand down in this mode.
 */
@Component
@ConditionalOnProperty(name = "rtc-usage.check", havingValue = "true")
public class CheckRun implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRun.class);

    private final KafkaCheck kafka;
    private final AppCheck apps;
    private volatile int exitCode = CheckReport.FAILED;

    public CheckRun(KafkaCheck kafka, AppCheck apps) {
        this.kafka = kafka;
        this.apps = apps;
    }

    @Override
    public void run(ApplicationArguments args) {
        CheckReport report = new CheckReport(kafka.check(), apps.check());
        // The report is for whoever ran the check, in plain text whatever the log format; the log keeps the verdict.
        System.out.println(report.text());
        System.out.flush();
        if (report.passed()) {
            LOG.info(report.verdict());
        } else {
            LOG.error(report.verdict());
        }
        exitCode = report.exitCode();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
