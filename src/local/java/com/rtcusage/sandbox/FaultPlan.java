package com.rtcusage.sandbox;

/**
 * Decides, request by request, which of the installed {@link SandboxFaults} strikes. Counting
 * restarts at each installation, so "every Nth" means the Nth request after the faults were set.
 */
final class FaultPlan {

    enum Outcome { NONE, FAIL, GARBAGE, THROTTLE }

    /** What one request is subject to: its outcome, and the set of faults in force when it came. */
    record Decision(Outcome outcome, SandboxFaults faults) {
    }

    private SandboxFaults faults = SandboxFaults.none();
    private long count;
    private int throttleLeft;

    synchronized void install(SandboxFaults newFaults) {
        faults = newFaults;
        count = 0;
        throttleLeft = newFaults.throttleNext();
    }

    /** The ingress jitter in force, read before a request reaches {@link #next()}. */
    synchronized java.time.Duration ingressJitter() {
        return faults.ingressJitter();
    }

    synchronized Decision next() {
        count++;
        Outcome outcome = Outcome.NONE;
        if (strikes(faults.failEveryNth())) {
            outcome = Outcome.FAIL;
        } else if (strikes(faults.garbageEveryNth())) {
            outcome = Outcome.GARBAGE;
        } else if (throttleLeft > 0) {
            throttleLeft--;
            outcome = Outcome.THROTTLE;
        }
        return new Decision(outcome, faults);
    }

    private boolean strikes(int everyNth) {
        return everyNth > 0 && count % everyNth == 0;
    }
}
