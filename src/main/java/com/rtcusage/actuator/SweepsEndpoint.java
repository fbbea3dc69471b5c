package com.rtcusage.actuator;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/** {@code /actuator/sweeps}: the last sweep and the one in flight at a glance, account by account. */
@Component
@Endpoint(id = "sweeps")
public class SweepsEndpoint {

    private final SweepHistory history;

    public SweepsEndpoint(SweepHistory history) {
        this.history = history;
    }

    /** The last completed sweep and the one in flight (null when none), as they stand now. */
    @ReadOperation
    public SweepsView sweeps() {
        return history.view();
    }
}
