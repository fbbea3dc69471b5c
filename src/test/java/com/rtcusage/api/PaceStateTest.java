package com.rtcusage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pace's rule as a pure function: states and times in, decisions out; no executor, no threads,
 * no mocks. Two slots (2 requests/s), a margin of 80 ms, times in ms from an arbitrary start.
 */
class PaceStateTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long START = 1_000_000 * MS;
    private static final long MARGIN = 80 * MS;

    private PaceState state = PaceState.initial(2, MARGIN, at(0));

    @Test
    void twoLeaveAtOnceThenEachSlotOneSecondPlusTheMarginAfterItsLastDeparture() {
        PaceDecision.Leave first = leave(0);
        PaceDecision.Leave second = leave(0);
        assertThat(first.dueNanos()).isLessThanOrEqualTo(at(0));
        assertThat(second.slot()).isNotEqualTo(first.slot());
        assertThat(state.next(at(0))).as("both slots in hand").isInstanceOf(PaceDecision.WaitForTheWire.class);

        depart(first, 0);
        depart(second, 10);

        assertThat(state.next(at(10))).isEqualTo(new PaceDecision.WaitUntil(at(1080) - PaceState.LEAD_NANOS));
        PaceDecision.Leave third = leave(980);   // granted within the lead, due at 1080
        assertThat(third.slot()).isEqualTo(first.slot());
        assertThat(third.dueNanos()).isEqualTo(at(1080));
        assertThat(state.next(at(985))).isEqualTo(new PaceDecision.WaitUntil(at(1090) - PaceState.LEAD_NANOS));
    }

    @Test
    void aRequestNotYetOnTheWireHoldsItsSlot() {
        PaceDecision.Leave first = leave(0);
        leave(0);
        assertThat(state.next(at(5000))).isInstanceOf(PaceDecision.WaitForTheWire.class);

        depart(first, 5000);   // it took 5 s to connect: the slot counts from then

        assertThat(state.next(at(5000))).isEqualTo(new PaceDecision.WaitUntil(at(6080) - PaceState.LEAD_NANOS));
    }

    @Test
    void aFastAnswerProvesAnEarlyArrival() {
        PaceDecision.Leave first = bothLeaveAtOnce();
        state = state.answered(first.slot(), first.generation(), at(5), 200);

        PaceDecision.Leave third = leave(905);
        assertThat(third.slot()).isEqualTo(first.slot());
        assertThat(third.dueNanos()).as("1 s + the 5 ms round trip").isEqualTo(at(1005));
    }

    @Test
    void anAnswerSlowerThanTheMarginChangesNothing() {
        PaceDecision.Leave first = leave(0);
        leave(0);
        depart(first, 0);
        state = state.answered(first.slot(), first.generation(), at(300), 200);

        assertThat(state.next(at(300))).isEqualTo(new PaceDecision.WaitUntil(at(1080) - PaceState.LEAD_NANOS));
    }

    @Test
    void theAnswerOfAnEarlierDepartureOfTheSlotIsIgnored() {
        PaceDecision.Leave first = bothLeaveAtOnce();
        PaceDecision.Leave third = leave(980);
        depart(third, 1080);
        state = state.answered(first.slot(), first.generation(), at(1081), 200);   // late, and not third's

        assertThat(state.slots().get(third.slot()).dueNanos(MARGIN)).isEqualTo(at(2160));
    }

    @Test
    void aResendOnAFreshConnectionCountsFromItsLaterWrite() {
        PaceDecision.Leave first = leave(0);
        leave(0);
        depart(first, 0);
        depart(first, 400);
        assertThat(state.slots().get(first.slot()).dueNanos(MARGIN)).isEqualTo(at(1480));
        state = state.departed(first.slot(), first.generation(), at(900), false);   // the call ended: no change
        assertThat(state.slots().get(first.slot()).dueNanos(MARGIN)).isEqualTo(at(1480));
    }

    @Test
    void a429DoublesTheMarginUpToOneSecond() {
        PaceDecision.Leave first = leave(0);
        depart(first, 0);
        state = state.answered(first.slot(), first.generation(), at(40), 429);
        assertThat(state.marginNanos()).isEqualTo(160 * MS);
        assertThat(state.slots().get(first.slot()).dueNanos(state.marginNanos()))
                .as("its own round trip still proves its arrival").isEqualTo(at(1040));
        for (int i = 0; i < 5; i++) {
            state = state.answered(first.slot(), first.generation(), at(40), 429);
        }
        assertThat(state.marginNanos()).isEqualTo(PaceState.MAX_MARGIN_NANOS);
    }

    @Test
    void aMarginOfZeroIsRaisedToo() {
        state = PaceState.initial(2, 0, at(0));
        PaceDecision.Leave first = leave(0);
        depart(first, 0);
        state = state.answered(first.slot(), first.generation(), at(40), 429);
        assertThat(state.marginNanos()).isEqualTo(PaceState.LEAST_RAISE_MILLIS * MS);
    }

    @Test
    void aConfiguredMarginOverOneSecondIsNeverLowered() {
        state = PaceState.initial(2, 1500 * MS, at(0));
        PaceDecision.Leave first = leave(0);
        depart(first, 0);
        state = state.answered(first.slot(), first.generation(), at(40), 429);
        assertThat(state.marginNanos()).isEqualTo(1500 * MS);
    }

    @Test
    void eachCleanSweepHalvesWhatA429AddedToTheMargin() {
        PaceDecision.Leave first = leave(0);
        depart(first, 0);
        state = state.answered(first.slot(), first.generation(), at(40), 429);
        state = state.answered(first.slot(), first.generation(), at(40), 429);   // 320 ms

        state = state.sweepEnded();
        assertThat(state.marginNanos()).as("the sweep that had the 429s").isEqualTo(320 * MS);
        state = state.sweepEnded();
        assertThat(state.marginNanos()).isEqualTo(200 * MS);
        state = state.sweepEnded();
        assertThat(state.marginNanos()).isEqualTo(140 * MS);
        for (int i = 0; i < 40; i++) {
            state = state.sweepEnded();
        }
        assertThat(state.marginNanos()).isEqualTo(MARGIN);
    }

    /**
     * Whatever the answers and the network (each request delayed up to the margin, answered any
     * time after it arrived, resends, slow writes), no second holds three arrivals of the account.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void noThreeArrivalsWithinOneSecond(long seed) {
        Random random = new Random(seed);
        List<long[]> inFlight = new ArrayList<>();   // {slot, generation, departed, arrival, answered}
        List<Long> arrivals = new ArrayList<>();
        long now = at(0);
        while (arrivals.size() < 400) {
            now += random.nextInt(30) * MS;
            for (int i = inFlight.size() - 1; i >= 0; i--) {
                long[] request = inFlight.get(i);
                if (request[4] <= now) {
                    state = state.answered((int) request[0], request[1], request[4], 200);
                    inFlight.remove(i);
                }
            }
            if (state.next(now) instanceof PaceDecision.Leave leave) {
                state = leave.state();
                long departed = Math.max(now, leave.dueNanos()) + random.nextInt(20) * MS;   // the write may be late
                long arrival = departed + (long) (random.nextDouble() * MARGIN);
                long answered = arrival + random.nextInt(random.nextBoolean() ? 10 : 400) * MS;
                state = state.departed(leave.slot(), leave.generation(), departed, true);
                arrivals.add(arrival);
                inFlight.add(new long[] {leave.slot(), leave.generation(), departed, arrival, answered});
                now = departed;
            }
        }
        List<Long> sorted = arrivals.stream().sorted().toList();
        for (int i = 0; i + 2 < sorted.size(); i++) {
            assertThat(sorted.get(i + 2) - sorted.get(i)).as("arrivals %d..%d", i, i + 2)
                    .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        }
    }

    /** Both slots granted and on the wire at 0; returns the first. */
    private PaceDecision.Leave bothLeaveAtOnce() {
        PaceDecision.Leave first = leave(0);
        depart(first, 0);
        depart(leave(0), 0);
        return first;
    }

    private PaceDecision.Leave leave(long millis) {
        PaceDecision decision = state.next(at(millis));
        assertThat(decision).isInstanceOf(PaceDecision.Leave.class);
        PaceDecision.Leave leave = (PaceDecision.Leave) decision;
        state = leave.state();
        return leave;
    }

    private void depart(PaceDecision.Leave leave, long millis) {
        state = state.departed(leave.slot(), leave.generation(), at(millis), true);
    }

    private static long at(long millis) {
        return START + millis * MS;
    }
}
