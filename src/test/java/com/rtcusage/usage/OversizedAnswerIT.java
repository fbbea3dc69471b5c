package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.publish.DeadLetterWriter;
import com.rtcusage.support.Json;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.OneShotSweep;
import com.rtcusage.sweep.SweepSummary;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * An API that answers 200 with 3 MiB of JSON: more than any ListUsages answer can be. The service
 * reads no further than 1 MiB, retries it as unreadable, then dead-letters it with the first 64 KiB
 * of the body — and publishes nothing from it.
 */
@EmbeddedKafka(kraft = true, partitions = 1)
class OversizedAnswerIT {

    private static final int ANSWER_BYTES = 3 * 1024 * 1024;

    @Test
    void anAnswerOverOneMebibyteIsUnreadableRetriedAndDeadLetteredCut(EmbeddedKafkaBroker broker) throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"ResponseMetadata\":{\"RequestId\":\"huge\"},\"Result\":{\"Usages\":[],\"Pad\":\""
                    + "x".repeat(ANSWER_BYTES) + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException closedByTheReader) {
                // the service stopped reading after 1 MiB
            }
        });
        api.start();
        ConfigurableApplicationContext service = LocalService.start(new MovableClock(Instant.parse("2026-11-26T03:00:00Z")),
                "rtc-usage.schedule.run-on-startup=false",
                "rtc-usage.api.endpoint=http://127.0.0.1:" + api.getAddress().getPort(),
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(), "rtc-usage.retry.max-retries=1",
                "rtc-usage.kafka.topic=huge.usage", "rtc-usage.kafka.dead-letter-topic=huge.dead",
                "rtc-usage.accounts[0].name=huge", "rtc-usage.accounts[0].access-key-id=AKLThugeanswer000000000000000001",
                "rtc-usage.accounts[0].secret-access-key=huge-secret", "rtc-usage.accounts[0].app-ids=huge-app");
        try {
            SweepSummary summary = LocalService.sweep(service);

            assertThat(requests.get()).as("first attempt and one retry").isEqualTo(2);
            assertThat(OneShotSweep.exitCode(summary)).isEqualTo(OneShotSweep.TRANSIENT);
            List<ConsumerRecord<String, String>> letters = TopicReader.readAll(broker.getBrokersAsString(), "huge.dead");
            assertThat(letters).hasSize(1);
            JsonNode letter = Json.parse(letters.get(0).value());
            assertThat(letter.get("errorCode").asText()).isEqualTo("UnreadableResponse");
            assertThat(letter.get("errorMessage").asText()).contains("larger than 1048576 bytes");
            assertThat(letter.get("attempts").asInt()).isEqualTo(2);
            assertThat(letter.get("body").asText().getBytes(StandardCharsets.UTF_8)).hasSize(DeadLetterWriter.MAX_BODY_BYTES);
            assertThat(TopicReader.readAll(broker.getBrokersAsString(), "huge.usage")).isEmpty();
        } finally {
            service.close();
            api.stop(0);
        }
    }
}
