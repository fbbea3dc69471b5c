package com.rtcusage.api;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.UsageRequest;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The pace of each account's requests, kept from departures and answers alone: of any
 * {@code requests-per-second + 1} departures of an account, the last leaves at least 1 s plus the
 * arrival margin after the first (or, when the first was answered sooner, its round trip). The
 * rule is {@link PaceState}'s; this bean keeps one state per account, queues the requests waiting
 * for their turn and wakes them. It never waits for an answer, so the pace does not depend on how
 * long the API takes, and an account may have several requests in flight.
 * <p>
 * A departure is counted when the request has been flushed to the socket (the HTTP client says so
 * through {@link PacedRequestExecutor}): a slow write makes it later, never earlier. A slot is
 * granted a little before it is due, so signing and connecting happen meanwhile; the HTTP client
 * then holds the request until it is due. Every departure the route was granted is given back by
 * {@link #sent}: by the route as soon as its call is over, and in any case when its exchange completes.
 */
@Component(FlowNames.DEPARTURE_PACING)
public class DeparturePacing {

    /** Carries the departure's id from the route to {@link PacedRequestExecutor}, which removes it before writing. */
    static final String DEPARTURE_HEADER = "X-Rtc-Departure";

    private final int slots;
    private final long marginNanos;
    private final ScheduledExecutorService threads;
    private final LongSupplier nanoTime;
    private final Map<String, Account> byAccount = new ConcurrentHashMap<>();
    /** Departures granted and not yet given back, by id: what the HTTP client may send. */
    private final Map<Long, Departure> inHand = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Synchronization giveBack = new SynchronizationAdapter() {
        @Override
        public void onDone(Exchange done) {
            sent(done.getProperty(FlowNames.DEPARTURE, Departure.class));
        }
    };

    @Autowired
    public DeparturePacing(RtcUsageProperties properties,
            @Qualifier(FlowNames.API_CALL_THREADS) ScheduledExecutorService threads) {
        this(properties.rateLimit().requestsPerSecond(), properties.rateLimit().arrivalMargin().toNanos(), threads,
                System::nanoTime);
    }

    DeparturePacing(int requestsPerSecond, long marginNanos, ScheduledExecutorService threads, LongSupplier nanoTime) {
        this.slots = requestsPerSecond;
        this.marginNanos = marginNanos;
        this.threads = threads;
        this.nanoTime = nanoTime;
    }

    /**
     * Completes, on one of the API call threads, when this attempt may leave. Each call is one
     * departure, to be given back by {@link #sent}: a retry asks again.
     */
    public CompletableFuture<Departure> departure(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request,
            Exchange attempt) {
        givesBackOnCompletion(attempt);
        CompletableFuture<Departure> granted = new CompletableFuture<>();
        byAccount.computeIfAbsent(request.account(), Account::new).enqueue(granted);
        return granted;
    }

    /**
     * Whatever departure the exchange still holds when it completes, on any path (Camel's
     * {@code stop} included, which skips a {@code doFinally}), is given back then: a route edited
     * without its {@code departure-over} step cannot keep a slot for ever. Once per exchange.
     */
    private void givesBackOnCompletion(Exchange attempt) {
        if (attempt != null && !attempt.getExchangeExtension().containsOnCompletion(giveBack)) {
            attempt.getExchangeExtension().addOnCompletion(giveBack);
        }
    }

    /**
     * Lets every request still waiting go at once with a {@link Departure#released() released}
     * departure: the sweep was stopped. A released departure holds no slot and the HTTP client
     * refuses to send it, so it can never leave unpaced, even if the sweep resumes meanwhile.
     */
    public void releaseWaiting() {
        byAccount.values().forEach(Account::releaseWaiting);
    }

    /** Whether this attempt's departure was released by a stopped sweep: it is to send nothing. */
    public boolean released(@ExchangeProperty(FlowNames.DEPARTURE) Departure departure) {
        return departure.released();
    }

    /** Hands the departure to the HTTP client with the request, in a header it removes before writing. */
    public void sending(@ExchangeProperty(FlowNames.DEPARTURE) Departure departure, @Headers Map<String, Object> headers) {
        headers.put(DEPARTURE_HEADER, Long.toString(departure.id()));
    }

    /**
     * Gives the departure back: the HTTP call is over, answered or not, or never made. One that
     * never reached the wire counts as a departure now, in case it did.
     */
    public void sent(@ExchangeProperty(FlowNames.DEPARTURE) Departure departure) {
        if (departure != null && inHand.remove(departure.id()) != null) {
            update(departure, state -> state.departed(departure.slot(), departure.generation(), nanoTime.getAsLong(), false));
        }
    }

    /** Every account's margin comes half way back to the configured one unless it had a 429 in the sweep. */
    public void sweepEnded() {
        byAccount.values().forEach(account -> account.change(PaceState::sweepEnded));
    }

    /** The departure a request carries in its header, if it was granted and not given back yet. */
    Optional<Departure> inHand(String id) {
        try {
            return id == null ? Optional.empty() : Optional.ofNullable(inHand.get(Long.parseLong(id)));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    /** Parks the calling (sending) thread until the departure is due. */
    void holdUntilDue(Departure departure) {
        long early;
        while ((early = departure.dueNanos() - nanoTime.getAsLong()) > 0) {
            LockSupport.parkNanos(early);
        }
    }

    /** The request of this departure was flushed to its socket now. */
    void onTheWire(Departure departure) {
        update(departure, state -> state.departed(departure.slot(), departure.generation(), nanoTime.getAsLong(), true));
    }

    /** The answer of this departure's request began to arrive now, with this HTTP status. */
    void answered(Departure departure, int status) {
        update(departure, state -> state.answered(departure.slot(), departure.generation(), nanoTime.getAsLong(), status));
    }

    /** The arrival margin now in force for the account: the configured one until a 429 raises it. */
    public long marginNanos(String account) {
        Account paced = byAccount.get(account);
        return paced == null ? marginNanos : paced.state().marginNanos();
    }

    /** How many requests of the account wait for their departure now. */
    int waiting(String account) {
        Account paced = byAccount.get(account);
        return paced == null ? 0 : paced.waiting();
    }

    private void update(Departure departure, UnaryOperator<PaceState> change) {
        Account account = byAccount.get(departure.account());
        if (account != null) {
            account.change(change);
        }
    }

    /** One account's state, the requests waiting for a departure, and the wake-up for the next one. */
    private final class Account {

        private final String name;
        private final ArrayDeque<CompletableFuture<Departure>> waiting = new ArrayDeque<>();
        private PaceState state;
        private ScheduledFuture<?> wakeup;
        private long wakeupAt;

        Account(String name) {
            this.name = name;
            this.state = PaceState.initial(slots, marginNanos, nanoTime.getAsLong());
        }

        synchronized int waiting() {
            return waiting.size();
        }

        synchronized PaceState state() {
            return state;
        }

        synchronized void enqueue(CompletableFuture<Departure> granted) {
            waiting.addLast(granted);
            grant(nanoTime.getAsLong());
        }

        synchronized void change(UnaryOperator<PaceState> change) {
            state = change.apply(state);
            grant(nanoTime.getAsLong());
        }

        synchronized void releaseWaiting() {
            while (!waiting.isEmpty()) {
                CompletableFuture<Departure> released = waiting.pollFirst();
                Departure none = Departure.none(ids.incrementAndGet(), name);
                threads.execute(() -> released.complete(none));
            }
        }

        /** Grants departures while the state lets one leave; otherwise wakes up when it may. */
        private void grant(long now) {
            while (!waiting.isEmpty()) {
                PaceDecision decision = state.next(now);
                if (decision instanceof PaceDecision.WaitUntil later) {
                    wakeUpAt(later.nanos(), now);
                    return;
                }
                if (!(decision instanceof PaceDecision.Leave leave)) {
                    return;   // every slot waits for its request to reach the wire
                }
                state = leave.state();
                Departure departure = new Departure(ids.incrementAndGet(), name, leave.slot(), leave.generation(),
                        leave.dueNanos(), false);
                inHand.put(departure.id(), departure);
                CompletableFuture<Departure> granted = waiting.pollFirst();
                // Always on an API call thread, never the caller's: the caller is the split's, and
                // a request that ran its call there would hold one of its few threads for the answer.
                threads.execute(() -> granted.complete(departure));
            }
        }

        private void wakeUpAt(long at, long now) {
            if (wakeup != null && !wakeup.isDone() && wakeupAt <= at) {
                return;
            }
            if (wakeup != null) {
                wakeup.cancel(false);
            }
            wakeupAt = at;
            wakeup = threads.schedule(this::wakeUp, at - now, TimeUnit.NANOSECONDS);
        }

        private synchronized void wakeUp() {
            wakeup = null;
            grant(nanoTime.getAsLong());
        }
    }
}
