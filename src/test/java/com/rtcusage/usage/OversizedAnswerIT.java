package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.publish.DeadLetterWriter;
import com.rtcusage.api.AnswerBounds;
import com.rtcusage.support.Json;
import com.rtcusage.api.AnswerBounds;
import com.rtcusage.support.LocalService;
import com.rtcusage.api.AnswerBounds;
import com.rtcusage.support.MovableClock;
import com.rtcusage.api.AnswerBounds;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.OneShotSweep;
import com.rtcusage.sweep.SweepSummary;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.StreamCachingStrategy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * An API that answers 200 with a body of 3 MiB: more than any ListUsages answer can be. It sends
 * 2 MiB, then holds the rest back. The service reads no further than 1 MiB + 1 byte, so Camel's
 * stream cache never spools more (the spool directory is watched), retries it as unreadable, then
 * dead-letters it with the first 64 KiB of the body — and publishes nothing from it.
 */
@EmbeddedKafka(kraft = true, partitions = 1)
class OversizedAnswerIT {

    private static final int ANSWER_BYTES = 3 * 1024 * 1024;
    private static final int SENT_BYTES = 2 * 1024 * 1024;

    @TempDir
    Path spool;

    @Test
    void anAnswerOverOneMebibyteIsReadNoFurtherRetriedAndDeadLetteredCut(EmbeddedKafkaBroker broker) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch testOver = new CountDownLatch(1);
        ExecutorService handlers = Executors.newCachedThreadPool();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.setExecutor(handlers);
        api.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"ResponseMetadata\":{\"RequestId\":\"huge\"},\"Result\":{\"Usages\":[],\"Pad\":\""
                    + "x".repeat(ANSWER_BYTES) + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            try {
                out.write(body, 0, SENT_BYTES);
                out.flush();
                // The rest is held back: a client that waits for it keeps what it has read so far.
                testOver.await(30, TimeUnit.SECONDS);
            } catch (IOException closedByTheReader) {
                // the service stopped reading after 1 MiB
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        api.start();
        AtomicLong largestSpool = new AtomicLong();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleAtFixedRate(() -> largestSpool.accumulateAndGet(bytesIn(spool), Math::max), 0, 5, TimeUnit.MILLISECONDS);
        ConfigurableApplicationContext service = LocalService.start(new MovableClock(Instant.parse("2026-11-26T03:00:00Z")),
                "rtc-usage.schedule.run-on-startup=false",
                "rtc-usage.api.endpoint=http://127.0.0.1:" + api.getAddress().getPort(),
                "rtc-usage.api.read-timeout=3s", "camel.main.stream-caching-spool-directory=" + spool,
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(), "rtc-usage.retry.max-retries=1",
                "rtc-usage.kafka.topic=huge.usage", "rtc-usage.kafka.dead-letter-topic=huge.dead",
                "rtc-usage.accounts[0].name=huge", "rtc-usage.accounts[0].access-key-id=AKLThugeanswer000000000000000001",
                "rtc-usage.accounts[0].secret-access-key=huge-secret", "rtc-usage.accounts[0].app-ids=huge-app");
        try {
            StreamCachingStrategy caching = service.getBean(CamelContext.class).getStreamCachingStrategy();
            assertThat(caching.getSpoolDirectory()).as("the watched directory is where answers spool").isEqualTo(spool.toFile());
            assertThat(caching.isSpoolEnabled()).isTrue();

            // Bounded: a failure while Camel read the body once reset its redelivery counter and retried for ever.
            CompletableFuture<SweepSummary> sweep = CompletableFuture.supplyAsync(() -> LocalService.sweep(service));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sweep.isDone() || largestSpool.get() > AnswerBounds.MAX_READ_BYTES);

            assertThat(largestSpool.get()).as("bytes of the answer spooled at most at once")
                    .isLessThanOrEqualTo(AnswerBounds.MAX_READ_BYTES);
            SweepSummary summary = sweep.get();
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
            watcher.shutdownNow();
            service.close();
            testOver.countDown();
            api.stop(0);
            handlers.shutdownNow();
        }
    }

    /** What the spool directory holds now, files being written included. */
    private static long bytesIn(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(OversizedAnswerIT::size).sum();
        } catch (IOException | UncheckedIOException racedWithADeletion) {
            return 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException deleted) {
            return 0;
        }
    }
}
