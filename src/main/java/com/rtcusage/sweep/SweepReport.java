package com.rtcusage.sweep;

import com.rtcusage.usage.AccountSweep;
import com.rtcusage.usage.UsageRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts what the running sweep does, for its summary line and the one-shot exit code. Sweeps
 * never overlap (the sweep route admits one at a time), so one report at a time suffices.
 */
@Component("sweepReport")
public class SweepReport {

    private static final Logger LOG = LoggerFactory.getLogger(SweepReport.class);

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Set<String> failedApps = ConcurrentHashMap.newKeySet();
    private volatile long startedNanos;
    private volatile int appsPlanned;
    private volatile long appDaysPlanned;

    public void start(List<AccountSweep> plan) {
        startedNanos = System.nanoTime();
        published.set(0);
        unchanged.set(0);
        deadLetters.set(0);
        failedApps.clear();
        appsPlanned = plan.stream().mapToInt(account -> account.requests().size()).sum();
        appDaysPlanned = plan.stream().flatMap(account -> account.requests().stream())
                .mapToLong(request -> request.window().days()).sum();
    }

    public void published() {
        published.incrementAndGet();
    }

    public void unchanged() {
        unchanged.incrementAndGet();
    }

    public void deadLetter(@ExchangeProperty("usageRequest") UsageRequest request) {
        deadLetters.incrementAndGet();
        failedApps.add(request.account() + "/" + request.appId());
    }

    /** Logs the summary line and returns it as the message body. */
    public SweepSummary finish() {
        SweepSummary summary = new SweepSummary(appsPlanned, failedApps.size(), appDaysPlanned, published.get(),
                unchanged.get(), deadLetters.get(), Duration.ofNanos(System.nanoTime() - startedNanos));
        if (summary.isComplete()) {
            LOG.info(summary.line());
        } else {
            LOG.warn(summary.line());
        }
        return summary;
    }
}
