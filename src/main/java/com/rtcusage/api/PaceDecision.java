package com.rtcusage.api;

/** What {@link PaceState#next} decides for an account's next waiting request. */
sealed interface PaceDecision {

    /** The request may leave at {@code dueNanos} in {@code slot}; {@code state} holds the slot for it. */
    record Leave(PaceState state, int slot, long generation, long dueNanos) implements PaceDecision {
    }

    /** No slot is due before {@code nanos} (the lead included): ask again then. */
    record WaitUntil(long nanos) implements PaceDecision {
    }

    /** Every slot is held by a request not yet on the wire: ask again when one departs. */
    record WaitForTheWire() implements PaceDecision {
    }
}
