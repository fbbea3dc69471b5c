package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real HTTP client and server on loopback: the executor reports each request once it is written,
 * before its answer, since the server holds every answer back until it was reported.
 */
class OnTheWireRequestExecutorIT {

    private final AtomicInteger reported = new AtomicInteger();
    /** One permit per report: each request's answer waits for a report of its own. */
    private final Semaphore reports = new Semaphore(0);
    private HttpServer server;

    @BeforeEach
    void serverAnsweringOnlyAfterTheReport() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            boolean reportedBeforeAnswer;
            try {
                reportedBeforeAnswer = reports.tryAcquire(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reportedBeforeAnswer = false;
            }
            byte[] answer = (reportedBeforeAnswer + " " + new String(request, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void reportsEachRequestOnceItIsWrittenAndBeforeItsAnswer() throws Exception {
        OnTheWireRequestExecutor executor = new OnTheWireRequestExecutor(() -> {
            reported.incrementAndGet();
            reports.release();
        });
        try (CloseableHttpClient client = HttpClients.custom().setRequestExecutor(executor).build()) {
            for (String body : new String[] {"first", "second"}) {   // the second on the kept-alive connection
                HttpPost post = new HttpPost("http://127.0.0.1:" + server.getAddress().getPort() + "/");
                post.setEntity(new StringEntity(body, ContentType.TEXT_PLAIN));
                String answer = client.execute(post, response -> EntityUtils.toString(response.getEntity()));
                assertThat(answer).isEqualTo("true " + body);
            }
        }
        assertThat(reported).hasValue(2);
    }
}
