package com.rtcusage.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.actuator.SweepsView.AccountView;
import com.rtcusage.actuator.SweepsView.Apps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountTallyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void anAccountInFlightHasNoEndAndMeasuresItsPaceSoFar() {
        AccountTally tally = new AccountTally("prod", 5, 2);
        tally.requestSent(at(0));
        tally.requestSent(at(500));
        tally.answered("app-1", 2, at(520));

        AccountView view = tally.view(at(1_000), false);

        assertThat(view.name()).isEqualTo("prod");
        assertThat(view.start()).isEqualTo(at(0));
        assertThat(view.end()).isNull();
        assertThat(view.apps()).isEqualTo(new Apps(5, 1, 0, 0));
        assertThat(view.requests()).isEqualTo(2);
        assertThat(view.daysNotReported()).isEqualTo(2);
        assertThat(view.pace().durationSeconds()).isEqualByComparingTo("1.000");
        assertThat(view.pace().floorSeconds()).isEqualByComparingTo("2.000");
        assertThat(view.pace().ratio()).isEqualByComparingTo("0.50");
    }

    @Test
    void everyRequestAndEvery429CountsRetriesIncludedAndTheFloorIsNMinusOneHalfSeconds() {
        AccountTally tally = new AccountTally("prod", 4, 2);
        // app-1 is throttled twice, then answered; app-2 to app-4 once each: 6 requests for 4 apps
        tally.requestSent(at(0));
        tally.throttled(at(10));
        tally.requestSent(at(500));
        tally.requestSent(at(1_000));
        tally.throttled(at(1_010));
        tally.requestSent(at(1_500));
        tally.requestSent(at(2_000));
        tally.requestSent(at(2_500));
        for (String app : new String[] {"app-1", "app-2", "app-3", "app-4"}) {
            tally.answered(app, 1, at(2_550));
        }
        tally.published(at(2_800));

        AccountView view = tally.view(at(9_000), false);

        assertThat(view.requests()).isEqualTo(6);
        assertThat(view.throttled()).isEqualTo(2);
        assertThat(view.daysNotReported()).isEqualTo(4);
        assertThat(view.apps()).isEqualTo(new Apps(4, 4, 0, 0));
        assertThat(view.end()).as("every app has its outcome; the end is the last acknowledgement").isEqualTo(at(2_800));
        assertThat(view.pace().floorSeconds()).isEqualByComparingTo("1.5");
        assertThat(view.pace().durationSeconds()).isEqualByComparingTo("2.8");
        assertThat(view.pace().ratio()).isEqualByComparingTo("1.87");
        assertThat(view.records().published()).isEqualTo(1);
    }

    @Test
    void aFailureAfterTheAnswerMakesTheAppFailedAndDeadLettersCountByErrorCode() {
        AccountTally tally = new AccountTally("prod", 4, 2);
        tally.requestSent(at(0));
        tally.answered("app-1", 0, at(100));
        tally.deadLettered("app-1", "UnprocessableEntry", at(150));
        tally.deadLettered("app-2", "InvalidParameter.NotExistAppId", at(600));
        tally.answered("app-3", 0, at(700));
        tally.unpublished("app-3", at(800));
        tally.notAsked("app-4", at(900));
        tally.unchanged(at(950));

        AccountView view = tally.view(at(5_000), true);

        assertThat(view.apps()).isEqualTo(new Apps(4, 0, 3, 1));
        assertThat(view.deadLetters().count()).isEqualTo(2);
        assertThat(view.deadLetters().byErrorCode()).containsExactly(
                Map.entry("InvalidParameter.NotExistAppId", 1L), Map.entry("UnprocessableEntry", 1L));
        assertThat(view.records().unchanged()).isEqualTo(1);
        assertThat(view.end()).isEqualTo(at(950));
    }

    @Test
    void oneAppHasNoFloorToCompareWith() {
        AccountTally tally = new AccountTally("one", 1, 2);
        tally.requestSent(at(0));
        tally.answered("app", 0, at(80));

        AccountView view = tally.view(at(100), true);

        assertThat(view.pace().floorSeconds()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(view.pace().durationSeconds()).isEqualByComparingTo("0.08");
        assertThat(view.pace().ratio()).isNull();
    }

    @Test
    void anAccountStoppedBeforeItsFirstRequestHasNoStartNorDuration() {
        AccountTally tally = new AccountTally("late", 2, 2);
        tally.notAsked("app-1", at(300));
        tally.notAsked("app-2", at(400));

        AccountView view = tally.view(at(1_000), true);

        assertThat(view.start()).isNull();
        assertThat(view.end()).isEqualTo(at(400));
        assertThat(view.apps()).isEqualTo(new Apps(2, 0, 0, 2));
        assertThat(view.pace().durationSeconds()).isNull();
        assertThat(view.pace().ratio()).isNull();
        assertThat(view.pace().floorSeconds()).isEqualByComparingTo("0.5");
    }

    @Test
    void eventsFromParallelThreadsAreAllCounted() throws InterruptedException {
        AccountTally tally = new AccountTally("busy", 400, 2);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int first = (threads.length - 1 - t) * 100;   // the earliest requests come from the thread started last
            threads[t] = new Thread(() -> {
                for (int app = first; app < first + 100; app++) {
                    tally.requestSent(at(app));
                    tally.answered("app-" + app, 1, at(app + 1));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        AccountView view = tally.view(at(10_000), false);

        assertThat(view.requests()).isEqualTo(400);
        assertThat(view.daysNotReported()).isEqualTo(400);
        assertThat(view.apps().ok()).isEqualTo(400);
        assertThat(view.start()).as("the earliest of the first requests").isEqualTo(at(0));
        assertThat(view.end()).isEqualTo(at(400));
    }
}
