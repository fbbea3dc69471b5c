package com.rtcusage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rtcusage.usage.UsageRequest;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * A real HTTP client and server on loopback, a real pace on the real clock: the executor sends a
 * request only with a departure the pace granted and has not taken back, holds it until due, strips
 * the departure's header, and reports the flush (before the answer) and the answer's status.
 */
class PacedRequestExecutorIT {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** One permit per flush reported: each request's answer waits for a report of its own. */
    private final Semaphore flushes = new Semaphore(0);
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> departureHeadersSeen = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
    private final DeparturePacing pacing = new DeparturePacing(2, 80 * MS, threads, System::nanoTime) {
        @Override
        void onTheWire(Departure departure) {
            super.onTheWire(departure);
            flushes.release();
        }
    };
    private HttpServer server;
    private CloseableHttpClient client;

    @BeforeEach
    void serverAnsweringOnlyAfterTheFlushWasReported() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            arrivals.add(System.nanoTime());
            departureHeadersSeen.addAll(exchange.getRequestHeaders().keySet().stream()
                    .filter(name -> name.equalsIgnoreCase(DeparturePacing.DEPARTURE_HEADER)).toList());
            byte[] request = exchange.getRequestBody().readAllBytes();
            boolean reportedBeforeAnswer;
            try {
                reportedBeforeAnswer = flushes.tryAcquire(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reportedBeforeAnswer = false;
            }
            byte[] answer = (reportedBeforeAnswer + " " + new String(request, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        client = HttpClients.custom().disableAutomaticRetries()   // as the service sets it up
                .setRequestExecutor(new PacedRequestExecutor(pacing)).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void reportsEachRequestOnceItIsWrittenAndBeforeItsAnswerWithoutItsDepartureHeader() throws Exception {
        for (String body : new String[] {"first", "second"}) {   // the second on the kept-alive connection
            Departure departure = granted("a");
            assertThat(send(departure, body)).isEqualTo("true " + body);
            pacing.sent(departure);
        }
        assertThat(arrivals).hasSize(2);
        assertThat(departureHeadersSeen).isEmpty();
    }

    @Test
    void holdsTheRequestUntilItsDepartureIsDue() throws Exception {
        Departure first = granted("a");
        Departure second = granted("a");
        send(first, "first");
        send(second, "second");
        pacing.sent(first);
        pacing.sent(second);

        Departure third = granted("a");   // granted up to 100 ms before it is due
        send(third, "third");

        assertThat(arrivals).hasSize(3);
        assertThat(arrivals.get(2)).isGreaterThanOrEqualTo(third.dueNanos());
        assertThat(third.dueNanos() - arrivals.get(0)).as("1 s + at most the margin after the first")
                .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void refusesARequestWithoutADeparture() {
        HttpPost post = post("unpaced");
        assertThatThrownBy(() -> client.execute(post, response -> EntityUtils.toString(response.getEntity())))
                .isInstanceOf(UnpacedRequestException.class);
        assertThat(arrivals).isEmpty();
    }

    /** Issue 20, defect 8: a request let go by a stopping sweep holds no slot and never reaches the wire. */
    @Test
    void refusesARequestReleasedByAStoppedSweep() throws Exception {
        granted("a");
        granted("a");
        var waiting = pacing.departure(new UsageRequest("a", "third"), null);
        pacing.releaseWaiting();
        Departure released = waiting.get(5, TimeUnit.SECONDS);
        assertThat(pacing.released(released)).isTrue();

        assertThatThrownBy(() -> send(released, "released")).isInstanceOf(UnpacedRequestException.class);
        assertThat(arrivals).isEmpty();
    }

    @Test
    void refusesADepartureAlreadyGivenBack() throws Exception {
        Departure departure = granted("a");
        pacing.sent(departure);
        assertThatThrownBy(() -> send(departure, "again")).isInstanceOf(UnpacedRequestException.class);
        assertThat(arrivals).isEmpty();
    }

    @Test
    void a429RaisesTheAccountsMargin() throws Exception {
        status.set(429);
        Departure departure = granted("a");
        send(departure, "refused");
        assertThat(pacing.marginNanos("a")).isEqualTo(160 * MS);
        assertThat(pacing.marginNanos("b")).isEqualTo(80 * MS);
    }

    private Departure granted(String account) throws Exception {
        return pacing.departure(new UsageRequest(account, "app"), null).get(5, TimeUnit.SECONDS);
    }

    private String send(Departure departure, String body) throws Exception {
        HttpPost post = post(body);
        post.setHeader(DeparturePacing.DEPARTURE_HEADER, Long.toString(departure.id()));
        return client.execute(post, response -> EntityUtils.toString(response.getEntity()));
    }

    private HttpPost post(String body) {
        HttpPost post = new HttpPost("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        post.setEntity(new StringEntity(body, ContentType.TEXT_PLAIN));
        return post;
    }
}
