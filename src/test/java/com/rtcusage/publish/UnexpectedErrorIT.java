package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.Json;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.RecordSchemas;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.OneShotSweep;
import com.rtcusage.sweep.SweepSummary;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * An error no rule knows (a bug, here thrown at the pricing step of one app) is dead-lettered as
 * {@code Unexpected} with its class; the other apps are published, the sweep still ends with its
 * summary, and one-shot would exit 13. Before, it climbed out of both splits and the sweep had no end.
 */
@PipelineTest
@Import(FixedTime.class)
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=unexpected.usage", "rtc-usage.kafka.dead-letter-topic=unexpected.dead",
        "rtc-usage.window.days=2"})
class UnexpectedErrorIT {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CamelContext camel;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aBugInOneAppIsDeadLetteredAsUnexpectedAndTheSweepEnds() throws Exception {
        AdviceWith.adviceWith(camel, "record-day", route -> route.weaveById("price").before()
                .filter().simple("${exchangeProperty.usageRequest.appId} == 'demo-app-a2'")
                .throwException(new IllegalStateException("a bug in pricing")));
        camel.getRouteController().startRoute("record-day");

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        assertThat(summary).as("the sweep ends with its summary").isNotNull();
        assertThat(summary.appsFailed()).isEqualTo(1);
        assertThat(summary.appsUnexpected()).isEqualTo(1);
        assertThat(summary.published()).isEqualTo(4 * 2);
        assertThat(OneShotSweep.exitCode(summary)).isEqualTo(OneShotSweep.UNEXPECTED);
        assertThat(TopicReader.readAll(brokers, "unexpected.usage")).extracting(ConsumerRecord::key)
                .noneMatch(key -> key.startsWith("demo-app-a2:"));

        // The bug struck each day of the answer: one dead letter per day, as for an unprocessable day.
        List<ConsumerRecord<String, String>> deadLetters = TopicReader.readAll(brokers, "unexpected.dead");
        assertThat(deadLetters).hasSize(2);
        for (ConsumerRecord<String, String> deadLetter : deadLetters) {
            RecordSchemas.assertValid(RecordSchemas.DEAD_LETTER, deadLetter.value());
            JsonNode letter = Json.parse(deadLetter.value());
            assertThat(deadLetter.key()).isEqualTo("demo-app-a2");
            assertThat(letter.get("errorCode").asText()).isEqualTo("Unexpected");
            assertThat(letter.get("errorMessage").asText()).isEqualTo("java.lang.IllegalStateException: a bug in pricing");
        }
    }
}
