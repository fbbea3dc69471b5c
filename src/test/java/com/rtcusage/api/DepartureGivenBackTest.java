package com.rtcusage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.UsageRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A departure the route never gives back (Camel's {@code stop} skips its {@code doFinally}) is given
 * back when the attempt's exchange completes, so the account's next request gets its turn.
 */
class DepartureGivenBackTest {

    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(1);
    private final DeparturePacing pacing = new DeparturePacing(2, TimeUnit.MILLISECONDS.toNanos(80), threads,
            System::nanoTime);
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final UsageRequest request = new UsageRequest("a", "app");

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        camel.close();
    }

    @Test
    void aDepartureStillHeldWhenItsExchangeCompletesIsGivenBack() throws Exception {
        Exchange first = attemptGrantedItsDeparture();
        attemptGrantedItsDeparture();
        CompletableFuture<Departure> third = pacing.departure(request, null);
        await("both slots wait for their request to reach the wire").during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3)).until(() -> !third.isDone());

        UnitOfWorkHelper.doneSynchronizations(first, first.getExchangeExtension().handoverCompletions());

        assertThat(third.get(5, TimeUnit.SECONDS).released()).as("granted a slot of its own").isFalse();
    }

    @Test
    void aDepartureIsGivenBackOnceWhateverCallsComeFirst() throws Exception {
        Exchange first = attemptGrantedItsDeparture();
        pacing.sent(first.getProperty(FlowNames.DEPARTURE, Departure.class));   // the route's departure-over

        UnitOfWorkHelper.doneSynchronizations(first, first.getExchangeExtension().handoverCompletions());

        assertThat(pacing.inHand(Long.toString(first.getProperty(FlowNames.DEPARTURE, Departure.class).id()))).isEmpty();
    }

    /** An attempt as route 4 leaves it after {@code hold-departure}: it asked for its departure and holds it. */
    private Exchange attemptGrantedItsDeparture() throws Exception {
        Exchange attempt = new DefaultExchange(camel);
        attempt.setProperty(FlowNames.USAGE_REQUEST, request);
        attempt.setProperty(FlowNames.DEPARTURE, pacing.departure(request, attempt).get(5, TimeUnit.SECONDS));
        return attempt;
    }
}
