package com.rtcusage.api;

/**
 * A departure the pace granted one attempt: its account's slot, the slot's generation (a later
 * grant of the same slot is another departure) and when the request may go on the wire. A
 * released departure holds no slot: the sweep stopped while the request waited, and it must not
 * leave.
 */
public record Departure(long id, String account, int slot, long generation, long dueNanos, boolean released) {

    static Departure none(long id, String account) {
        return new Departure(id, account, -1, -1, 0, true);
    }
}
