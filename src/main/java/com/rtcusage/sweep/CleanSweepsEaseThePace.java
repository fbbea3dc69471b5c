package com.rtcusage.sweep;

import com.rtcusage.api.DeparturePacing;
import org.springframework.stereotype.Component;

/**
 * At the end of each sweep the pace hears of it: an account whose margin a 429 raised comes half
 * way back to the configured margin after a sweep without one.
 */
@Component
class CleanSweepsEaseThePace implements SweepListener {

    private final DeparturePacing pacing;

    CleanSweepsEaseThePace(DeparturePacing pacing) {
        this.pacing = pacing;
    }

    @Override
    public void finished(SweepSummary summary) {
        pacing.sweepEnded();
    }
}
