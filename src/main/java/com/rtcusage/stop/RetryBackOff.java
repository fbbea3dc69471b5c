package com.rtcusage.stop;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.flow.FlowNames;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The back-off before a retry of a ListUsages call ({@code rtc-usage.retry.*}: the first retry
 * waits {@code initial-delay}, each further one {@code multiplier} times longer, at most
 * {@code max-delay}), as a wait the sweep gate ends: when the sweep stops (SIGTERM, Lease lost,
 * Kafka refused) a retry waiting here goes on at once, meets the closed gate and sends nothing.
 * Camel's own redelivery delay could not be cut short, so a stop waited out up to 30 s of it.
 * Waiting is asynchronous: no thread waits.
 */
@Component(FlowNames.RETRY_BACK_OFF)
public class RetryBackOff {

    private final RtcUsageProperties.Retry retry;
    private final SweepGate gate;
    private final ScheduledExecutorService threads;
    private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();

    @Autowired
    public RetryBackOff(RtcUsageProperties properties, SweepGate gate,
            @Qualifier(FlowNames.API_CALL_THREADS) ScheduledExecutorService threads) {
        this(properties.retry(), gate, threads);
    }

    RetryBackOff(RtcUsageProperties.Retry retry, SweepGate gate, ScheduledExecutorService threads) {
        this.retry = retry;
        this.gate = gate;
        this.threads = threads;
        gate.onClose(this::endAll);
    }

    /** How long the retry after {@code failures} failed attempts waits: none before the first attempt. */
    Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        double millis = retry.initialDelay().toMillis() * Math.pow(retry.multiplier(), failures - 1);
        return Duration.ofMillis((long) Math.min(millis, retry.maxDelay().toMillis()));
    }

    /**
     * Completes when this attempt may go on: at once for a first attempt or a stopped sweep, else
     * after its back-off, or as soon as the sweep stops meanwhile.
     */
    public CompletableFuture<Void> waited(@Header(Exchange.REDELIVERY_COUNTER) Integer redeliveries) {
        Duration delay = delay(redeliveries == null ? 0 : redeliveries);
        if (delay.isZero() || gate.isClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> over = new CompletableFuture<>();
        waiting.add(over);
        over.whenComplete((ignored, failure) -> waiting.remove(over));
        threads.schedule(() -> over.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
        if (gate.isClosed()) {
            end(over);   // closed between the check and the registration
        }
        return over;
    }

    private void endAll() {
        waiting.forEach(this::end);
    }

    /** On an API call thread, never the closer's: a Lease event or a refusing exchange must not run other apps' steps. */
    private void end(CompletableFuture<Void> over) {
        threads.execute(() -> over.complete(null));
    }
}
