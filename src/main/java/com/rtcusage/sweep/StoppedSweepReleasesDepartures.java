package com.rtcusage.sweep;

import com.rtcusage.api.DeparturePacing;
import org.springframework.stereotype.Component;

/**
 * When the sweep gate closes (Kafka refused, leadership lost, SIGTERM), requests still queued for
 * their departure slot are let go at once: they meet the closed gate in call-list-usages and send
 * nothing, instead of leaving one by one at the API's pace long after the sweep was stopped.
 */
@Component
class StoppedSweepReleasesDepartures {

    StoppedSweepReleasesDepartures(SweepGate gate, DeparturePacing departures) {
        gate.onClose(departures::releaseWaiting);
    }
}
