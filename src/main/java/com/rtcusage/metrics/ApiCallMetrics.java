package com.rtcusage.metrics;

import com.rtcusage.failure.Failure;
import com.rtcusage.failure.FailureKind;
import com.rtcusage.failure.Failures;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.sweep.SweepListener;
import com.rtcusage.usage.UsageAnswer;
import com.rtcusage.usage.UsageRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.util.URISupport;
import org.springframework.stereotype.Component;

/**
 * Measures every ListUsages attempt from Camel's own send events, so the routes carry no metrics
 * steps. An attempt is one send to {@link FlowNames#CALL_LIST_USAGES} (the unit list-usages retries, pacing
 * and throttle included); its request is the send to the HTTP endpoint inside it. Per account:
 * attempts by outcome and code, the time an attempt waited in pacing and throttle before its
 * request left, and the request's round trip; per app, the time of the last answer with figures.
 * Attempts the API throttled are also told to the {@link SweepListener}s.
 */
@Component
public class ApiCallMetrics implements SendEvents.Listener {

    private static final String ATTEMPT_ENDPOINT = normalized(FlowNames.CALL_LIST_USAGES);
    static final String REQUESTS = "rtc_usage.api.requests";
    static final String REQUEST_DURATION = "rtc_usage.api.request.duration";
    static final String PACING_WAIT = "rtc_usage.api.pacing.wait";
    private static final String ATTEMPT_STARTED = "rtcUsage.attemptStartedNanos";
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Failures failures;
    private final AppFreshness freshness;
    private final Clock clock;
    private final List<SweepListener> listeners;

    public ApiCallMetrics(CamelContext camel, MeterRegistry registry, AppFreshness freshness, Failures failures,
            Clock clock, List<SweepListener> listeners) {
        this.registry = registry;
        this.failures = failures;
        this.freshness = freshness;
        this.clock = clock;
        this.listeners = listeners;
        SendEvents.listen(camel, this);
    }

    @Override
    public void sending(Exchange exchange, Endpoint endpoint) {
        UsageRequest request = exchange.getProperty(FlowNames.USAGE_REQUEST, UsageRequest.class);
        if (request == null) {
            return;
        }
        if (isAttempt(endpoint)) {
            exchange.setProperty(ATTEMPT_STARTED, System.nanoTime());
        } else if (isApi(endpoint)) {
            Long started = exchange.getProperty(ATTEMPT_STARTED, Long.class);
            if (started != null) {
                timer(PACING_WAIT, "Time an attempt waited in per-account pacing and throttle before its request left",
                        request).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }
    }

    @Override
    public void sent(Exchange exchange, Endpoint endpoint, long millis) {
        UsageRequest request = exchange.getProperty(FlowNames.USAGE_REQUEST, UsageRequest.class);
        if (request == null) {
            return;
        }
        if (isApi(endpoint)) {
            timer(REQUEST_DURATION, "Round trip of a ListUsages request, timeouts included", request)
                    .record(millis, TimeUnit.MILLISECONDS);
        } else if (isAttempt(endpoint) && !exchange.isRouteStop()) {   // stopped by the gate: nothing left
            Failure failure = exchange.getException() == null ? null : failures.of(exchange);
            Counter.builder(REQUESTS)
                    .description("ListUsages attempts, retries included, by how they ended")
                    .tags("account", request.account(),
                            "outcome", failure == null ? "ok" : failure.kind().outcome(),
                            "code", failure == null ? "none" : failure.code())
                    .register(registry)
                    .increment();
            if (failure != null && failure.kind() == FailureKind.API_THROTTLED) {
                listeners.forEach(listener -> listener.throttled(request.account()));
            }
            if (exchange.getException() == null && exchange.getMessage().getBody() instanceof UsageAnswer) {
                freshness.fetched(request.account(), request.appId(), clock.instant());
            }
        }
    }

    private Timer timer(String name, String description, UsageRequest request) {
        return Timer.builder(name)
                .description(description)
                .tags("account", request.account())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private static String normalized(String uri) {
        try {
            return URISupport.normalizeUri(uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("not an endpoint URI: " + uri, e);
        }
    }

    private static boolean isAttempt(Endpoint endpoint) {
        return ATTEMPT_ENDPOINT.equals(endpoint.getEndpointUri());
    }

    /** The only HTTP endpoint the routes call is the ListUsages API. */
    private static boolean isApi(Endpoint endpoint) {
        return endpoint instanceof HttpEndpoint;
    }
}
