package com.rtcusage.sweep;

import com.rtcusage.failure.Failure;
import com.rtcusage.failure.FailureKind;
import com.rtcusage.failure.Failures;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.publish.KafkaWait;
import com.rtcusage.publish.RecordBatch;
import com.rtcusage.stop.SweepGate;
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
import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
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
    private final SweepGate gate;
    private final Failures failures;
    private final KafkaWait kafkaWait;
    private final AtomicLong appsSkipped = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong notReported = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Set<String> failedApps = ConcurrentHashMap.newKeySet();
    private final Set<String> rejectedApps = ConcurrentHashMap.newKeySet();
    private final Set<String> unexpectedApps = ConcurrentHashMap.newKeySet();
    private volatile long startedNanos;
    private volatile int appsPlanned;

    public SweepReport(List<SweepListener> listeners, SweepGate gate, Failures failures, KafkaWait kafkaWait) {
        this.listeners = listeners;
        this.gate = gate;
        this.failures = failures;
        this.kafkaWait = kafkaWait;
    }

    /** A new sweep: a refusal of Kafka that stopped the last one is tried again. */
    public void start(List<AccountSweep> plan) {
        gate.sweepStarts();
        startedNanos = System.nanoTime();
        appsSkipped.set(0);
        requests.set(0);
        published.set(0);
        unchanged.set(0);
        notReported.set(0);
        deadLetters.set(0);
        failedApps.clear();
        rejectedApps.clear();
        unexpectedApps.clear();
        appsPlanned = plan.stream().mapToInt(account -> account.requests().size()).sum();
        listeners.forEach(listener -> listener.started(plan));
    }

    /**
     * The sweep was stopped before this app's attempt left: it has no answer this sweep, so it
     * counts as not asked, never as ok.
     */
    public void stoppedBeforeSending(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        appsSkipped.incrementAndGet();
        listeners.forEach(listener -> listener.notAsked(request.account(), request.appId()));
    }

    /** A request is about to leave for the API, retries included. */
    public void requestSent(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        requests.incrementAndGet();
        listeners.forEach(listener -> listener.requestSent(request.account()));
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
        listeners.forEach(listener -> listener.answered(request.account(), request.appId(), missing.size()));
    }

    /** Kafka acknowledged the record of this key, one of the batch of its answer. */
    public void published(@Header(KafkaConstants.KEY) String key,
            @ExchangeProperty(FlowNames.RECORD_BATCH) RecordBatch batch) {
        published.incrementAndGet();
        kafkaWait.answered();
        PricedUsage usage = batch.usageOf(key);
        listeners.forEach(listener -> listener.published(usage));
    }

    public void unchanged(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        unchanged.incrementAndGet();
        listeners.forEach(listener -> listener.unchanged(request.account()));
    }

    /** Kafka acknowledged the dead letter of this request, written for the failure the exchange caught. */
    public void deadLetter(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request, Exchange exchange) {
        deadLetters.incrementAndGet();
        kafkaWait.answered();
        failedApps.add(request.account() + "/" + request.appId());
        Failure named = failures.of(exchange);
        if (named.kind() == FailureKind.UNEXPECTED) {
            unexpectedApps.add(request.account() + "/" + request.appId());
        } else if (!named.kind().isRetryable()) {
            rejectedApps.add(request.account() + "/" + request.appId());
        }
        String reason = named.code();
        listeners.forEach(listener -> listener.deadLettered(request.account(), request.appId(), reason));
    }

    /**
     * Kafka did not acknowledge what this exchange was to publish, and the sweep no longer waits for
     * it: its app failed, for a reason that may clear. No app yet (the sweep's own read-back): nothing to count.
     */
    public void unpublished(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        if (request != null) {
            failedApps.add(request.account() + "/" + request.appId());
            listeners.forEach(listener -> listener.unpublished(request.account(), request.appId()));
        }
    }

    /** Logs the summary line and returns it as the message body. */
    public SweepSummary finish() {
        SweepSummary summary = new SweepSummary(appsPlanned, failedApps.size(), rejectedApps.size(), unexpectedApps.size(),
                requests.get(), published.get(), unchanged.get(), notReported.get(), deadLetters.get(),
                Duration.ofNanos(System.nanoTime() - startedNanos), (int) appsSkipped.get(),
                gate.closedFor().map(SweepGate.Reason::text).orElse(null));
        listeners.forEach(listener -> listener.finished(summary));
        if (summary.isComplete()) {
            LOG.info(summary.line());
        } else {
            LOG.warn(summary.line());
        }
        return summary;
    }
}
