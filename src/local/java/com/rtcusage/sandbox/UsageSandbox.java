package com.rtcusage.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import com.rtcusage.config.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Volcengine's RTC {@code ListUsages} OpenAPI, for the local run mode and for
 * integration tests: it verifies V4 signatures, enforces the per-key rate limit, the 30-day rules
 * and the data delay, answers deterministic figures in any of the shapes the API documents, records
 * every request and injects faults and network delays on demand. Binds to loopback only.
 */
public final class UsageSandbox implements AutoCloseable {

    private static final int CONNECTION_BACKLOG = 1024;

    private final FaultPlan faultPlan = new FaultPlan();
    private final RequestLog requestLog = new RequestLog();
    private final AccessKeys keys;
    private final ListUsagesHandler handler;
    private HttpServer server;
    private ExecutorService executor;

    public UsageSandbox(SandboxSettings settings, Clock clock) {
        this(settings, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param jitterDraw uniform in [0, 1): the share of the ingress jitter each request waits (tests fix it) */
    UsageSandbox(SandboxSettings settings, Clock clock, DoubleSupplier jitterDraw) {
        Objects.requireNonNull(settings, "settings");
        Admission admission = new Admission(Objects.requireNonNull(clock, "clock"),
                new SlidingWindowLimiter(settings.requestsPerSecond()), faultPlan);
        this.keys = new AccessKeys(settings.accounts());
        this.handler = new ListUsagesHandler(settings, keys, admission, requestLog, Objects.requireNonNull(jitterDraw));
    }

    /** Starts on a free loopback port; see {@link #endpoint()}. */
    public void start() {
        start(0);
    }

    /** Starts on 127.0.0.1:{@code port} (0 = any free port). */
    public synchronized void start(int port) {
        if (server != null) {
            throw new IllegalStateException("the ListUsages sandbox already runs at " + endpoint());
        }
        // The JDK's HttpServer writes an answer's headers and body apart; with Nagle's algorithm on,
        // the body then waits for the client's delayed ACK, ~40 ms per answer that no real API adds.
        // The server reads this setting once, when its first instance is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer created;
        try {
            // Room for many clients connecting at once (0 would be Java's default of 50: the 51st
            // connection then waits for a SYN retransmit, about 1 s, which no real API imposes).
            created = HttpServer.create(new InetSocketAddress(loopback(), port), CONNECTION_BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the ListUsages sandbox to 127.0.0.1:" + port, e);
        }
        // A thread per request in flight, as many as clients send: the API serves any number at once,
        // and a fixed pool would queue requests before their arrival, bunching them (and capping a
        // sweep of many accounts at pool size / latency).
        executor = Executors.newCachedThreadPool(daemonThreads());
        created.setExecutor(executor);
        created.createContext("/", handler);
        created.start();
        server = created;
    }

    /** Where clients send requests, e.g. {@code http://127.0.0.1:54321}. */
    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("the ListUsages sandbox is not running");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Installs a new set of faults at once; counting of the periodic ones starts again from here. */
    public void faults(SandboxFaults faults) {
        faultPlan.install(Objects.requireNonNull(faults, "faults"));
    }

    /** Shapes every successful answer from now on (see {@link AnswerShape}; the default is {@link AnswerShape#volcengine()}). */
    public void answers(AnswerShape shape) {
        handler.shape(Objects.requireNonNull(shape, "shape"));
    }

    /** A rotated key, as the console rotates it: from now on only {@code secret} signs for {@code accessKeyId}. */
    public void rotateSecret(String accessKeyId, Secret secret) {
        keys.rotate(accessKeyId, secret);
    }

    /**
     * An STS-like session token for {@code accessKeyId}, valid until {@code expiresAt} (sandbox time).
     * The key is temporary from then on: its requests need a valid token in a signed X-Security-Token.
     */
    public String issueSessionToken(String accessKeyId, Instant expiresAt) {
        return keys.issue(accessKeyId, expiresAt);
    }

    /** Accepts a token of the test's choosing for {@code accessKeyId}, until {@code expiresAt}. */
    public void acceptSessionToken(String accessKeyId, String token, Instant expiresAt) {
        keys.accept(accessKeyId, token, expiresAt);
    }

    /** Lets {@code token} expire now: from this moment every request with it is refused with InvalidSecretToken. */
    public void expireSessionToken(String token) {
        keys.expire(token, Instant.MIN);
    }

    /** Every answered request so far, in arrival order (a snapshot). */
    public List<RecordedRequest> requests() {
        return requestLog.snapshot();
    }

    public void clearRequests() {
        requestLog.clear();
    }

    /** Stops at once; requests still being answered are abandoned. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "usage-sandbox-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
