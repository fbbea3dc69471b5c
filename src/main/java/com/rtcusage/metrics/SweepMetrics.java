package com.rtcusage.metrics;

import com.rtcusage.sweep.SweepListener;
import com.rtcusage.sweep.SweepSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Sweeps by result: {@code complete} when every planned app-day is in Kafka and nothing was
 * dead-lettered, {@code incomplete} otherwise; and how long they took.
 */
@Component
public class SweepMetrics implements SweepListener {

    static final String SWEEPS = "rtc_usage.sweeps";
    static final String DURATION = "rtc_usage.sweep.duration";

    private final MeterRegistry registry;

    public SweepMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String result : new String[] {"complete", "incomplete"}) {
            sweeps(result);
            duration(result);
        }
    }

    @Override
    public void finished(SweepSummary summary) {
        String result = summary.isComplete() ? "complete" : "incomplete";
        sweeps(result).increment();
        duration(result).record(summary.duration());
    }

    private Counter sweeps(String result) {
        return Counter.builder(SWEEPS).description("Sweeps finished, by result").tag("result", result).register(registry);
    }

    private Timer duration(String result) {
        return Timer.builder(DURATION).description("How long sweeps took, by result").tag("result", result).register(registry);
    }
}
