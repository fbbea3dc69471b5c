package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PublishedStateTest {

    private static final String ID_A = "0d4d8f3c-8a5e-3b1c-9f0e-1a2b3c4d5e6f";
    private static final String ID_B = "0d4d8f3c-8a5e-3b1c-9f0e-1a2b3c4d5e70";

    private final PublishedState state = new PublishedState(Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC));

    @Test
    void aKeyIsChangedUntilItsContentIsRemembered() {
        assertThat(state.isChanged("app:1:2026-11-30", ID_A)).isTrue();
        state.remember("app:1:2026-11-30", ID_A);
        assertThat(state.isChanged("app:1:2026-11-30", ID_A)).isFalse();
        assertThat(state.isChanged("app:1:2026-11-30", ID_B)).isTrue();
        assertThat(state.isChanged("app:1:2026-11-29", ID_A)).isTrue();
        assertThat(state.isChanged("app:2:2026-11-30", ID_A)).isTrue();
        state.remember("app:1:2026-11-30", ID_B);
        assertThat(state.isChanged("app:1:2026-11-30", ID_B)).isFalse();
        assertThat(state.size()).isEqualTo(1);
    }

    @Test
    void daysTheApiCanNoLongerReturnAreForgotten() {
        state.remember("app:2026-10-01", ID_A);
        for (int day = 1; day <= 30; day++) {
            state.remember("app:2026-11-%02d".formatted(day), ID_A);
        }
        assertThat(state.size()).isEqualTo(30);
        assertThat(state.isChanged("app:2026-10-01", ID_A)).isTrue();
        assertThat(state.isChanged("app:2026-11-01", ID_A)).isFalse();
    }

    @Test
    void keysOfAnotherShapeAreKeptAsTheyAre() {
        state.remember("no-day", "not-a-uuid");
        state.remember("app:2026-11-30", "NOT-A-UUID-BUT-36-CHARACTERS-LONG-XX");
        state.remember("app:2026-13-45", ID_A);
        assertThat(state.isChanged("no-day", "not-a-uuid")).isFalse();
        assertThat(state.isChanged("app:2026-11-30", "NOT-A-UUID-BUT-36-CHARACTERS-LONG-XX")).isFalse();
        assertThat(state.isChanged("app:2026-13-45", ID_A)).isFalse();
        assertThat(state.isChanged("app:2026-13-45", ID_B)).isTrue();
        assertThat(state.size()).isEqualTo(3);
    }
}
