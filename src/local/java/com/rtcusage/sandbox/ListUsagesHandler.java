package com.rtcusage.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code POST /?Action=ListUsages&Version=2023-11-01} as the real API would, checking in
 * the API's order: injected faults, operation, flow control, signature, body, window and app.
 * A request first waits out its ingress jitter (network delay), then arrives: its arrival time is
 * what the rate limiter counts and the window rules judge. Every request is recorded, whatever the outcome.
 */
final class ListUsagesHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ListUsagesHandler.class);

    private final SandboxSettings settings;
    private final Admission admission;
    private final RequestLog requestLog;
    private final SignatureCheck signatures;
    private final QueryRules rules;
    private final UsageReport report;
    private final ResponseBodies bodies;
    private final RequestIds requestIds = new RequestIds();
    private final DoubleSupplier jitterDraw;
    private volatile AnswerShape shape = AnswerShape.volcengine();

    /** @param jitterDraw uniform in [0, 1): the share of the ingress jitter each request waits */
    ListUsagesHandler(SandboxSettings settings, AccessKeys keys, Admission admission, RequestLog requestLog,
            DoubleSupplier jitterDraw) {
        this.settings = settings;
        this.admission = admission;
        this.requestLog = requestLog;
        this.jitterDraw = jitterDraw;
        this.signatures = new SignatureCheck(settings, keys);
        this.rules = new QueryRules(settings);
        this.report = new UsageReport(settings.dataDelay());
        this.bodies = new ResponseBodies(settings);
    }

    void shape(AnswerShape newShape) {
        shape = newShape;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String accessKeyId = AuthorizationHeader
                    .claimedAccessKeyId(exchange.getRequestHeaders().getFirst("Authorization")).orElse(null);
            pause(jitter(admission.ingressJitter()));
            Admission.Ticket ticket = admission.admit(accessKeyId);
            UsageQuery.Peek asked = UsageQuery.Peek.NOTHING;
            Answer answer;
            try {
                IncomingRequest request = IncomingRequest.read(exchange);
                asked = UsageQuery.peek(request.body());
                pause(ticket.fault().faults().latency());
                answer = answer(request, accessKeyId, ticket);
            } catch (IOException | RuntimeException unexpected) {
                LOG.warn("ListUsages sandbox failed to handle a request: {}", unexpected.getClass().getName());
                answer = error(requestIds.next(ticket.receivedAt()),
                        ApiError.INTERNAL_ERROR.because("The sandbox failed unexpectedly."));
            }
            if (ticket.sequence() == 1) {
                // For the benchmark: how long the service took from JVM start to its first call.
                LOG.info("ListUsages sandbox: first request arrived {} ms after JVM start",
                        ManagementFactory.getRuntimeMXBean().getUptime());
            }
            requestLog.add(ticket.sequence(), new RecordedRequest(ticket.receivedNanos(), ticket.receivedAt(),
                    accessKeyId, asked.appId(), asked.startTime(), asked.endTime(), answer.status(), answer.errorCode(),
                    answer.requestId()));
            LOG.debug("ListUsages sandbox answered {} {} for AppId {} (RequestId {})",
                    answer.status(), answer.errorCode(), asked.appId(), answer.requestId());
            respond(exchange, answer, ticket.fault().faults().trickle());
        } finally {
            exchange.close();
        }
    }

    private Answer answer(IncomingRequest request, String accessKeyId, Admission.Ticket ticket) {
        Instant now = ticket.receivedAt();
        String requestId = requestIds.next(now);
        try {
            switch (ticket.fault().outcome()) {
                case FAIL -> throw ApiError.INTERNAL_ERROR.because("The sandbox fails this request on purpose (failEveryNth).");
                case GARBAGE -> {
                    return new Answer(200, bodies.garbage(requestId), null, requestId);
                }
                case THROTTLE -> throw ApiError.FLOW_LIMIT_EXCEEDED.because(
                        "The sandbox throttles this request on purpose (throttleNext).");
                case NONE -> { }
                default -> throw new IllegalStateException("unknown fault " + ticket.fault().outcome());
            }
            requireListUsages(request);
            if (!ticket.withinRateLimit()) {
                throw ApiError.FLOW_LIMIT_EXCEEDED.because("The access key [" + accessKeyId + "] exceeded "
                        + settings.requestsPerSecond() + " requests per second.");
            }
            if (request.bodyTooLarge()) {
                throw ApiError.INVALID_PARAMETER.because(
                        "The request body exceeds " + IncomingRequest.MAX_BODY_BYTES + " bytes.");
            }
            SandboxAccount caller = signatures.verify(request, now);
            UsageQuery query = UsageQuery.parse(request.body());
            rules.check(query, caller, now);
            SandboxFaults faults = ticket.fault().faults();
            AnswerShape answerShape = shape;
            return new Answer(200, bodies.success(requestId, report.entries(query, now, faults, answerShape), answerShape),
                    null, requestId);
        } catch (ApiException refused) {
            return error(requestId, refused);
        }
    }

    private static void requireListUsages(IncomingRequest request) {
        if (!"/".equals(request.rawPath())) {
            throw ApiError.INVALID_ACTION_OR_VERSION.because(
                    "There is no operation at path [" + request.rawPath() + "]; ListUsages is served at /.");
        }
        String action = request.queryParameter("Action")
                .orElseThrow(() -> ApiError.MISSING_PARAMETER.because("The request is missing Action parameter."));
        String version = request.queryParameter("Version")
                .orElseThrow(() -> ApiError.MISSING_PARAMETER.because("The request is missing Version parameter."));
        if (!ResponseBodies.ACTION.equals(action) || !ResponseBodies.VERSION.equals(version)) {
            throw ApiError.INVALID_ACTION_OR_VERSION.because(
                    "Could not find operation [" + action + "] for version [" + version + "].");
        }
        if (!"POST".equals(request.method())) {
            throw ApiError.INVALID_ACTION_OR_VERSION.because(
                    "Operation ListUsages takes POST, not [" + request.method() + "].");
        }
    }

    private Answer error(String requestId, ApiException refused) {
        return new Answer(refused.error().status(), bodies.error(requestId, refused), refused.error().code(), requestId);
    }

    private Duration jitter(Duration max) {
        return max.isZero() ? Duration.ZERO : share(max, jitterDraw.getAsDouble());
    }

    /** {@code draw} (uniform in [0, 1)) as a duration uniform in 0..max, to the nanosecond. */
    static Duration share(Duration max, double draw) {
        long nanos = (long) Math.floor(draw * (max.toNanos() + 1.0));
        return Duration.ofNanos(Math.min(Math.max(nanos, 0), max.toNanos()));
    }

    /** Holds the request or answer back in this server thread; the pool has room for other requests meanwhile. */
    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(latency.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the answer at once, or trickled: a piece at a time with {@code trickle} between pieces. */
    private static void respond(HttpExchange exchange, Answer answer, Duration trickle) {
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] body = answer.body();
                int piece = trickle.isZero() ? body.length : SandboxFaults.TRICKLE_PIECE_BYTES;
                for (int from = 0; from < body.length; from += piece) {
                    out.write(body, from, Math.min(piece, body.length - from));
                    out.flush();
                    pause(from + piece < body.length ? trickle : Duration.ZERO);
                }
            }
        } catch (IOException clientGone) {
            LOG.debug("ListUsages sandbox could not deliver RequestId {}: {}", answer.requestId(), clientGone.getMessage());
        }
    }
}
