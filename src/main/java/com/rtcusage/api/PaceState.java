package com.rtcusage.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One account's pace, immutable: the last departure in each of its {@code requests-per-second}
 * slots and the arrival margin in force. Every method is a pure function of this state and the
 * time it is given; {@link DeparturePacing} keeps one per account and does the waiting.
 * <p>
 * The rule: a request takes the slot that is free soonest and leaves no sooner than 1 s plus the
 * slot's allowance after the slot's last departure. The allowance is what the last request of the
 * slot may have been delayed on its way to the API: the margin, or its round trip if its answer
 * came back sooner, since an answered request had arrived before its answer. Each slot's arrivals
 * are then at least 1 s apart, so no second holds more arrivals than there are slots, whatever the
 * network, and of any {@code slots + 1} departures the last leaves at least 1 s after the first
 * arrived.
 * <p>
 * A 429 proves the margin too small: it doubles (at least {@value #LEAST_RAISE_MILLIS} ms more),
 * up to 1 s. Each sweep without one halves what it has above the configured margin.
 *
 * @param slots the account's slots, each with its last departure
 * @param marginNanos the margin in force
 * @param configuredMarginNanos {@code rate-limit.arrival-margin}, where the margin decays back to
 * @param refusedThisSweep whether a 429 was answered since the last sweep ended
 */
record PaceState(List<Slot> slots, long marginNanos, long configuredMarginNanos, boolean refusedThisSweep) {

    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MAX_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long LEAST_RAISE_MILLIS = 20;
    /** A slot is granted this long before it is due, so signing and connecting happen meanwhile. */
    static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long NOT_YET = Long.MIN_VALUE;

    PaceState {
        slots = List.copyOf(slots);
    }

    /**
     * A slot's last departure. {@code inHand}: granted, not yet on the wire, so not free; its
     * departure and answer times are then meaningless.
     */
    record Slot(long departedNanos, long answeredNanos, boolean inHand, long generation) {

        /** When this slot's next request may leave, given the margin in force. */
        long dueNanos(long marginNanos) {
            long allowance = marginNanos;
            if (answeredNanos != NOT_YET && answeredNanos >= departedNanos) {
                allowance = Math.min(marginNanos, answeredNanos - departedNanos);
            }
            return departedNanos + WINDOW_NANOS + allowance;
        }
    }

    /** An account that has sent nothing yet: every slot free now. */
    static PaceState initial(int slots, long marginNanos, long nowNanos) {
        Slot free = new Slot(nowNanos - WINDOW_NANOS - marginNanos, NOT_YET, false, 0);
        return new PaceState(Collections.nCopies(slots, free), marginNanos, marginNanos, false);
    }

    /** What the next waiting request of this account gets at {@code nowNanos}. */
    PaceDecision next(long nowNanos) {
        int soonest = -1;
        for (int slot = 0; slot < slots.size(); slot++) {
            if (!slots.get(slot).inHand() && (soonest < 0 || due(slot) < due(soonest))) {
                soonest = slot;
            }
        }
        if (soonest < 0) {
            return new PaceDecision.WaitForTheWire();
        }
        long due = due(soonest);
        if (due - LEAD_NANOS > nowNanos) {
            return new PaceDecision.WaitUntil(due - LEAD_NANOS);
        }
        long generation = slots.get(soonest).generation() + 1;
        return new PaceDecision.Leave(with(soonest, new Slot(NOT_YET, NOT_YET, true, generation)),
                soonest, generation, due);
    }

    /**
     * The request of this grant went on the wire at {@code nowNanos} ({@code onTheWire}), or its
     * call ended without reaching it (counted as a departure now, in case it did). A resend on a
     * fresh connection leaves again: the later time counts.
     */
    PaceState departed(int slot, long generation, long nowNanos, boolean onTheWire) {
        Slot current = slots.get(slot);
        if (current.generation() != generation) {
            return this;
        }
        if (current.inHand()) {
            return with(slot, new Slot(nowNanos, NOT_YET, false, generation));
        }
        if (onTheWire && nowNanos > current.departedNanos()) {
            return with(slot, new Slot(nowNanos, NOT_YET, false, generation));
        }
        return this;
    }

    /** The answer of this grant's request began to arrive at {@code nowNanos}, with this HTTP status. */
    PaceState answered(int slot, long generation, long nowNanos, int status) {
        PaceState state = status == 429 ? refused() : this;
        Slot current = slots.get(slot);
        if (current.generation() != generation || current.inHand() || current.answeredNanos() != NOT_YET) {
            return state;
        }
        return state.with(slot, new Slot(current.departedNanos(), nowNanos, false, generation));
    }

    /** A sweep ended: without a 429 in it, the margin comes half way back to the configured one. */
    PaceState sweepEnded() {
        long margin = refusedThisSweep ? marginNanos : configuredMarginNanos + (marginNanos - configuredMarginNanos) / 2;
        return new PaceState(slots, margin, configuredMarginNanos, false);
    }

    private PaceState refused() {
        long raised = Math.max(2 * marginNanos, marginNanos + TimeUnit.MILLISECONDS.toNanos(LEAST_RAISE_MILLIS));
        long most = Math.max(MAX_MARGIN_NANOS, configuredMarginNanos);   // never below what was configured
        return new PaceState(slots, Math.min(most, raised), configuredMarginNanos, true);
    }

    private long due(int slot) {
        return slots.get(slot).dueNanos(marginNanos);
    }

    private PaceState with(int slot, Slot changed) {
        List<Slot> changedSlots = new ArrayList<>(slots);
        changedSlots.set(slot, changed);
        return new PaceState(changedSlots, marginNanos, configuredMarginNanos, refusedThisSweep);
    }
}
