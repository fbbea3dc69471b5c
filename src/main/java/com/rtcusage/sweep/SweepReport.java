package com.rtcusage.sweep;

import com.rtcusage.failure.Failure;
import com.rtcusage.failure.Failures;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.publish.RecordBatch;
import com.rtcusage.usage.AccountSweep;
import com.rtcusage.usage.UsageAnswer;
import com.rtcusage.usage.UsageRequest;
import com.rtcusage.usage.UsageWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts what the running sweep does, for its summary line and the one-shot exit code, and tells
 * the {@link SweepListener}s. Sweeps never overlap (the sweep route admits one at a time), so one
 * report at a time suffices.
 */
@Component(FlowNames.SWEEP_REPORT)
public class SweepReport {

    private static final Logger LOG = LoggerFactory.getLogger(SweepReport.class);

    private final List<SweepListener> listeners;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong notReported = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Set<String> failedApps = ConcurrentHashMap.newKeySet();
    private final Set<String> rejectedApps = ConcurrentHashMap.newKeySet();
    private volatile long startedNanos;
    private volatile int appsPlanned;

    public SweepReport(List<SweepListener> listeners) {
        this.listeners = listeners;
    }

    public void start(List<AccountSweep> plan) {
        startedNanos = System.nanoTime();
        requests.set(0);
        published.set(0);
        unchanged.set(0);
        notReported.set(0);
        deadLetters.set(0);
        failedApps.clear();
        rejectedApps.clear();
        appsPlanned = plan.stream().mapToInt(account -> account.requests().size()).sum();
    }

    /** A request is about to leave for the API, retries included. */
    public void requestSent() {
        requests.incrementAndGet();
    }

    /**
     * An answer with figures: counts and names the planned days it left out. The API leaves out
     * days without use, days before the app existed and today before its first figures; such a
     * day is neither published nor a failure.
     */
    public void answered(@Body UsageAnswer answer, @ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request,
            @ExchangeProperty(FlowNames.USAGE_WINDOW) UsageWindow window) {
        Set<LocalDate> reported = new HashSet<>();
        answer.entries().forEach(entry -> reported.add(entry.day()));
        List<LocalDate> missing = window.firstDay().datesUntil(window.endDay()).filter(day -> !reported.contains(day)).toList();
        if (!missing.isEmpty()) {
            notReported.addAndGet(missing.size());
            LOG.info("App {} of account {} (RequestId {}): the API did not report {} of {} days: {}", request.appId(),
                    request.account(), answer.requestId(),
                    missing.size(), window.days(), missing);
        }
    }

    /** Kafka acknowledged every record of this batch. */
    public void published(RecordBatch batch) {
        published.addAndGet(batch.size());
        batch.usages().forEach(usage -> listeners.forEach(listener -> listener.published(usage)));
    }

    public void unchanged(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        unchanged.incrementAndGet();
        listeners.forEach(listener -> listener.unchanged(request.account()));
    }

    /** Kafka acknowledged the dead letter of this request, written for the failure the exchange caught. */
    public void deadLetter(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        deadLetters.incrementAndGet();
        failedApps.add(request.account() + "/" + request.appId());
        Failure named = Failures.classify(failure);
        if (!named.kind().isRetryable()) {
            rejectedApps.add(request.account() + "/" + request.appId());
        }
        String reason = named.code();
        listeners.forEach(listener -> listener.deadLettered(request.account(), request.appId(), reason));
    }

    /** Logs the summary line and returns it as the message body. */
    public SweepSummary finish() {
        SweepSummary summary = new SweepSummary(appsPlanned, failedApps.size(), rejectedApps.size(), requests.get(),
                published.get(), unchanged.get(), notReported.get(), deadLetters.get(),
                Duration.ofNanos(System.nanoTime() - startedNanos));
        listeners.forEach(listener -> listener.finished(summary));
        if (summary.isComplete()) {
            LOG.info(summary.line());
        } else {
            LOG.warn(summary.line());
        }
        return summary;
    }
}
