package com.rtcusage.stop;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.api.DeparturePacing;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one owner of "the sweep stops": whether the running sweep may send its next ListUsages
 * request, and why not. Closed when Kafka refuses for good (until the next sweep starts), when a
 * one-shot run has waited for an unreachable Kafka as long as it may (for good: the run ends), when
 * this instance loses the Lease (until it gains it again) and when the service shuts down (for
 * good). Whoever learns one of these tells the gate; everything that waits or sends asks it or is
 * told by it: requests queued for their departure are let go at once ({@link
 * DeparturePacing#releaseWaiting()}), a retry's back-off ends ({@link RetryBackOff}), and
 * call-list-usages sends nothing more. A closed gate lets what was answered be published.
 */
@Component(FlowNames.SWEEP_GATE)
public class SweepGate {

    /** Why no further request may leave, in the order they are named. */
    public enum Reason {
        KAFKA_REFUSED("Kafka refused"),
        KAFKA_UNREACHABLE("Kafka unreachable for longer than rtc-usage.kafka.one-shot-wait"),
        NOT_LEADER("this instance lost the leadership"),
        SHUTTING_DOWN("the service is shutting down");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Set<Reason> closed = EnumSet.noneOf(Reason.class);
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();

    /** A gate with nothing to let go when it closes but what registers with {@link #onClose}. */
    public SweepGate() {
    }

    /** The service's gate: a stop lets the requests waiting for their departure go at once, to meet it. */
    @Autowired
    public SweepGate(DeparturePacing departures) {
        onClose(departures::releaseWaiting);
    }

    /** Runs {@code action} each time the gate closes for a new reason. */
    public void onClose(Runnable action) {
        onClose.add(action);
    }

    /** True while nothing keeps the next request from leaving. */
    public synchronized boolean isOpen() {
        return closed.isEmpty();
    }

    /** True while something keeps the next request from leaving. */
    public boolean isClosed() {
        return !isOpen();
    }

    /** True while the gate is closed for this reason (perhaps for others too). */
    public synchronized boolean isClosedFor(Reason reason) {
        return closed.contains(reason);
    }

    /** The first reason the gate is closed for, if it is. */
    public synchronized Optional<Reason> closedFor() {
        return closed.stream().findFirst();
    }

    /**
     * Closes the gate; true when it was not closed for this reason yet. Then tells whoever asked
     * (requests waiting for their departure or a back-off are let go, to meet the closed gate at once).
     */
    public boolean close(Reason reason) {
        boolean changed;
        synchronized (this) {
            changed = closed.add(reason);
        }
        if (changed) {
            onClose.forEach(Runnable::run);
        }
        return changed;
    }

    /** A new sweep starts: a refusal of Kafka that stopped the last one is tried again. */
    public void sweepStarts() {
        open(Reason.KAFKA_REFUSED);
    }

    /**
     * SIGTERM: the running sweep sends no new request, publishes what was answered and ends, so
     * Camel's shutdown does not wait for hundreds of apps. Spring publishes this event before it
     * stops any bean, Camel included.
     */
    @EventListener(ContextClosedEvent.class)
    public void shuttingDown() {
        close(Reason.SHUTTING_DOWN);
    }

    /** Opens the gate for this reason; it stays closed for any other. */
    public synchronized void open(Reason reason) {
        closed.remove(reason);
    }
}
