package com.rtcusage.sweep;

import com.rtcusage.metrics.ApiCallMetrics;
import com.rtcusage.metrics.PublishMetrics;
import com.rtcusage.metrics.SweepMetrics;
import com.rtcusage.publish.RecordBatch;
import com.rtcusage.usage.AccountSweep;
import com.rtcusage.usage.UsageRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts what the running sweep does, for its summary line and the one-shot exit code, and passes
 * each count on to the service's metrics. Sweeps never overlap (the sweep route admits one at a
 * time), so one report at a time suffices.
 */
@Component("sweepReport")
public class SweepReport {

    private static final Logger LOG = LoggerFactory.getLogger(SweepReport.class);

    private final SweepMetrics sweepMetrics;
    private final PublishMetrics publishMetrics;
    private final ApiCallMetrics apiCalls;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Set<String> failedApps = ConcurrentHashMap.newKeySet();
    private volatile long startedNanos;
    private volatile int appsPlanned;
    private volatile long appDaysPlanned;
    private volatile long requestsBefore;

    public SweepReport(SweepMetrics sweepMetrics, PublishMetrics publishMetrics, ApiCallMetrics apiCalls) {
        this.sweepMetrics = sweepMetrics;
        this.publishMetrics = publishMetrics;
        this.apiCalls = apiCalls;
    }

    public void start(List<AccountSweep> plan) {
        startedNanos = System.nanoTime();
        requestsBefore = apiCalls.requestsSent();
        published.set(0);
        unchanged.set(0);
        deadLetters.set(0);
        failedApps.clear();
        appsPlanned = plan.stream().mapToInt(account -> account.requests().size()).sum();
        appDaysPlanned = plan.stream().flatMap(account -> account.requests().stream())
                .mapToLong(request -> request.window().days()).sum();
    }

    /** Kafka acknowledged every record of this batch. */
    public void published(RecordBatch batch) {
        published.addAndGet(batch.size());
        batch.usages().forEach(publishMetrics::published);
    }

    public void unchanged(@ExchangeProperty("usageRequest") UsageRequest request) {
        unchanged.incrementAndGet();
        publishMetrics.unchanged(request.account());
    }

    /** Kafka acknowledged the dead letter of this request; {@code errorCode} is its reason. */
    public void deadLetter(@ExchangeProperty("usageRequest") UsageRequest request, @Header("errorCode") String errorCode) {
        deadLetters.incrementAndGet();
        failedApps.add(request.account() + "/" + request.appId());
        publishMetrics.deadLetter(request.account(), request.appId(), errorCode);
    }

    /** Logs the summary line and returns it as the message body. */
    public SweepSummary finish() {
        SweepSummary summary = new SweepSummary(appsPlanned, failedApps.size(), apiCalls.requestsSent() - requestsBefore,
                appDaysPlanned, published.get(), unchanged.get(), deadLetters.get(),
                Duration.ofNanos(System.nanoTime() - startedNanos));
        sweepMetrics.finished(summary.isComplete(), summary.duration());
        if (summary.isComplete()) {
            LOG.info(summary.line());
        } else {
            LOG.warn(summary.line());
        }
        return summary;
    }
}
