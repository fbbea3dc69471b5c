package com.rtcusage.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.sweep.SweepSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LoggingSystem;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code logging.structured.format.console=ecs} (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs) every
 * line the service logs is one ECS JSON object, and every line about a ListUsages request (a retry,
 * a dead letter, a day outside the window) names the RequestId the API answered with.
 */
@PipelineTest
@Import(FixedTime.class)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "logging.structured.format.console=ecs",
        "rtc-usage.kafka.topic=json-logs.usage", "rtc-usage.kafka.dead-letter-topic=json-logs.dead", "rtc-usage.window.days=2",
        "rtc-usage.accounts[0].name=logged",
        "rtc-usage.accounts[0].access-key-id=AKLTjsonlogstest00000000000000001",
        "rtc-usage.accounts[0].secret-access-key=json-logs-secret",
        "rtc-usage.accounts[0].app-ids=known-1,unknown-app",
        "sandbox.accounts[0].access-key-id=AKLTjsonlogstest00000000000000001",
        "sandbox.accounts[0].secret-access-key=json-logs-secret",
        "sandbox.accounts[0].app-ids=known-1"})
class StructuredLoggingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The messages of lines about one request, and the app each names. */
    private static final Pattern ABOUT_A_REQUEST =
            Pattern.compile("ListUsages for app (\\S+) of account|Dead-lettered app (\\S+) of|Ignoring \\S+ for app (\\S+) ");
    private static final Pattern REQUEST_ID = Pattern.compile("RequestId (\\w+)");

    @Autowired
    ProducerTemplate producer;

    /**
     * Spring Boot configures logging once per JVM until a context that did so closes: contexts
     * cached by other test classes would otherwise leave this one with their plain format.
     */
    @BeforeAll
    @AfterAll
    static void forgetLoggingConfiguredByOtherContexts() {
        LoggingSystem.get(StructuredLoggingIT.class.getClassLoader()).cleanUp();
    }

    @Autowired
    UsageSandbox sandbox;

    @Test
    void everyLineIsJsonAndEveryLineAboutARequestNamesItsRequestId(CapturedOutput output) throws Exception {
        // known-1 answers with a day outside the window; unknown-app first meets a 500 (retried), then a 400.
        sandbox.faults(SandboxFaults.none().withFailEveryNth(2).withExtraDayOutsideWindow(true));
        int before = output.getOut().length(); // test framework lines from before the service configured logging

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        assertThat(summary.deadLetters()).isEqualTo(1);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().substring(before).split("\\R")) {
            if (!line.isBlank()) {
                lines.add(parse(line));
            }
        }
        JsonNode summaryLine = lines.stream().filter(line -> line.path("message").asText().startsWith("Sweep INCOMPLETE"))
                .findFirst().orElseThrow(() -> new AssertionError("no summary line in " + output.getOut()));
        assertThat(summaryLine.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(summaryLine.at("/log/logger").asText()).isEqualTo("com.rtcusage.sweep.SweepReport");
        assertThat(summaryLine.at("/service/name").asText()).isEqualTo("rtc-usage-pipeline");
        assertThat(summaryLine.path("message").asText()).contains("1 dead letters; 3 API requests");

        List<String> aboutRequests = new ArrayList<>();
        for (JsonNode line : lines) {
            String message = line.path("message").asText();
            Matcher request = ABOUT_A_REQUEST.matcher(message);
            if (request.find()) {
                String app = request.group(1) != null ? request.group(1) : request.group(2) != null ? request.group(2) : request.group(3);
                Matcher requestId = REQUEST_ID.matcher(message);
                assertThat(requestId.find()).as("RequestId in: " + message).isTrue();
                assertThat(requestId.group(1)).as("a RequestId the API answered %s with, in: %s", app, message)
                        .isIn(requestIdsOf(app));
                aboutRequests.add(message);
            }
        }
        assertThat(aboutRequests).as("retry, dead letter and window anomaly lines")
                .anyMatch(message -> message.contains("On delivery attempt"))
                .anyMatch(message -> message.startsWith("Dead-lettered app unknown-app"))
                .anyMatch(message -> message.startsWith("Ignoring 2026-11-24 for app known-1"));
        assertThat(output.getAll()).doesNotContain("json-logs-secret");
    }

    private Set<String> requestIdsOf(String app) {
        return sandbox.requests().stream().filter(request -> app.equals(request.appId()))
                .map(RecordedRequest::requestId).collect(Collectors.toSet());
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as("a JSON object: " + line).isTrue();
            return json;
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
