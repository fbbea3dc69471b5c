package com.rtcusage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A uniform draw in [0, 1) becomes a wait uniform over 0..max, both ends included, never beyond. */
class IngressJitterTest {

    private static final Duration MAX = Duration.ofMillis(300);

    @Test
    void spansZeroToTheMaximum() {
        assertThat(ListUsagesHandler.share(MAX, 0.0)).isEqualTo(Duration.ZERO);
        assertThat(ListUsagesHandler.share(MAX, 0.5)).isEqualTo(Duration.ofNanos(150_000_000));
        assertThat(ListUsagesHandler.share(MAX, Math.nextDown(1.0))).isEqualTo(MAX);
    }

    @Test
    void neverLeavesTheRange() {
        assertThat(ListUsagesHandler.share(MAX, 1.0)).isEqualTo(MAX);
        assertThat(ListUsagesHandler.share(MAX, -0.1)).isEqualTo(Duration.ZERO);
        assertThat(ListUsagesHandler.share(Duration.ZERO, 0.7)).isEqualTo(Duration.ZERO);
    }
}
