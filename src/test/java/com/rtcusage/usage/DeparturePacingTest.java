package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.rtcusage.usage.DeparturePacing.Departure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pacing's decisions on a clock the test moves; scheduled wake-ups run when the test says. A
 * slot is granted 100 ms before it is due (1 s + 80 ms after the departure it follows); the HTTP
 * client then holds the request until it is due, which the integration tests see in the arrivals.
 */
class DeparturePacingTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000_000 * MS);
    private final List<long[]> wakeups = new ArrayList<>();   // {due nanos, index into tasks}
    private final List<Runnable> tasks = new ArrayList<>();
    private DeparturePacing pacing;

    @BeforeEach
    void newPacing() {
        ScheduledExecutorService threads = mock(ScheduledExecutorService.class);
        doAnswer(call -> {
            ((Runnable) call.getArgument(0)).run();
            return null;
        }).when(threads).execute(any(Runnable.class));
        when(threads.schedule(any(Runnable.class), anyLong(), any(TimeUnit.class))).thenAnswer(call -> {
            wakeups.add(new long[] {now.get() + call.<Long>getArgument(1), tasks.size()});
            tasks.add(call.getArgument(0));
            return mock(ScheduledFuture.class);
        });
        pacing = new DeparturePacing(2, 80 * MS, threads, now::get);
    }

    @Test
    void twoDeparturesPerSecondPlusTheMarginWhateverTheAnswers() {
        List<CompletableFuture<Departure>> requests = ask("a", 5);
        assertThat(granted(requests)).isEqualTo(2);
        onTheWire(requests.get(0));
        onTheWire(requests.get(1));   // no answer yet: the pace does not wait for one

        advanceTo(979);
        assertThat(granted(requests)).isEqualTo(2);
        advanceTo(980);
        assertThat(granted(requests)).isEqualTo(4);
    }

    @Test
    void aStoppedSweepLetsEveryWaitingRequestGoAtOnceWithoutADeparture() {
        List<CompletableFuture<Departure>> requests = ask("a", 5);
        assertThat(granted(requests)).isEqualTo(2);

        pacing.releaseWaiting();

        assertThat(requests).allMatch(CompletableFuture::isDone);
        assertThat(requests.subList(2, 5)).allSatisfy(released -> assertThat(released.join()).isSameAs(Departure.NONE));
        pacing.sent(requests.get(0).join());
        pacing.sent(requests.get(1).join());
        CompletableFuture<Departure> next = pacing.departure(new UsageRequest("a", "after"));
        advanceTo(1080);
        assertThat(next).as("the slots were given back").isDone();
        assertThat(next.getNow(null)).as("a paced departure, not a release").isNotNull().isNotSameAs(Departure.NONE);
    }

    @Test
    void aRequestHeldBackBeforeTheWireHoldsTheNextOnesBack() {
        List<CompletableFuture<Departure>> requests = ask("a", 3);
        advanceTo(5000);              // both granted requests are still opening their connections
        assertThat(granted(requests)).isEqualTo(2);
        onTheWire(requests.get(0));   // on the wire 5 s after it was granted
        assertThat(granted(requests)).isEqualTo(2);
        advanceTo(5979);
        assertThat(granted(requests)).isEqualTo(2);
        advanceTo(5980);
        assertThat(granted(requests)).isEqualTo(3);
    }

    @Test
    void aCallThatNeverReachedTheWireCountsAsDepartedWhenItEnds() {
        List<CompletableFuture<Departure>> requests = ask("a", 3);
        pacing.sent(requests.get(0).join());
        pacing.sent(requests.get(1).join());
        advanceTo(1080);
        assertThat(granted(requests)).isEqualTo(3);
    }

    @Test
    void accountsArePacedApart() {
        List<CompletableFuture<Departure>> a = ask("a", 3);
        assertThat(pacing.departure(new UsageRequest("b", "app"))).isDone();
        assertThat(granted(a)).isEqualTo(2);
    }

    private List<CompletableFuture<Departure>> ask(String account, int apps) {
        List<CompletableFuture<Departure>> requests = new ArrayList<>();
        for (int i = 0; i < apps; i++) {
            requests.add(pacing.departure(new UsageRequest(account, "app" + i)));
        }
        return requests;
    }

    /** The HTTP client flushed this request now (it held it until due: the tests only flush due ones). */
    private void onTheWire(CompletableFuture<Departure> request) {
        pacing.sending(request.join());
        pacing.holdUntilDue();
        pacing.onTheWire();
    }

    private void advanceTo(long millisAfterStart) {
        now.set(1_000_000 * MS + millisAfterStart * MS);
        runDueWakeups();
    }

    private void runDueWakeups() {
        List<long[]> due = wakeups.stream().filter(wakeup -> wakeup[0] <= now.get()).toList();
        wakeups.removeAll(due);
        due.forEach(wakeup -> tasks.get((int) wakeup[1]).run());
    }

    private static long granted(List<CompletableFuture<Departure>> requests) {
        return requests.stream().filter(CompletableFuture::isDone).count();
    }
}
