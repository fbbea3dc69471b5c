package com.rtcusage.usage;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.flow.FlowNames;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.camel.ExchangeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Lets an account's requests leave at the API's limit from departures alone, never from answers:
 * of any {@code requests-per-second + 1} departures of one account, the last leaves at least 1 s
 * plus {@code rate-limit.arrival-margin} after the first. The API counts arrivals; a network that
 * delays one request up to that margin more than another cannot then put more than the limit into
 * any second, whatever the answers' latency, and several requests of an account may be in flight.
 * <p>
 * A departure is the moment a request has gone on the wire: its bytes handed to the socket
 * ({@link #onTheWire()}, called by the HTTP client after it flushed the request). Counting from
 * then, never from before the write, keeps the pace safe when this JVM is slow to write (a new
 * connection or TLS handshake, the first calls' class loading, a CPU limit's throttling): a late
 * write only makes the recorded departure later, never earlier than the real one. Until then a
 * granted departure holds its place in the window, so no later request of its account can
 * overtake it.
 * <p>
 * Each account has {@code requests-per-second} slots; a request takes the slot whose last departure
 * is oldest and goes on the wire no sooner than 1 s plus the margin after it. Any three departures
 * within that span would put two into one slot, less than the span apart: impossible. A slot is
 * granted up to {@value #LEAD_MILLIS} ms before it is due, so signing and handing the request to
 * the HTTP client happen meanwhile; the HTTP client then holds it until it is due ({@link #holdUntilDue()}).
 */
@Component(FlowNames.DEPARTURE_PACING)
public class DeparturePacing {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long LEAD_MILLIS = 100;
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(LEAD_MILLIS);
    private static final ThreadLocal<Departure> SENDING = new ThreadLocal<>();

    private final int permits;
    private final long spanNanos;
    private final ScheduledExecutorService threads;
    private final LongSupplier nanoTime;
    private final Map<String, Window> byAccount = new ConcurrentHashMap<>();

    @Autowired
    public DeparturePacing(RtcUsageProperties properties,
            @Qualifier(FlowNames.API_CALL_THREADS) ScheduledExecutorService threads) {
        this(properties.rateLimit().requestsPerSecond(), properties.rateLimit().arrivalMargin().toNanos(), threads,
                System::nanoTime);
    }

    DeparturePacing(int requestsPerSecond, long marginNanos, ScheduledExecutorService threads, LongSupplier nanoTime) {
        this.permits = requestsPerSecond;
        this.spanNanos = WINDOW_NANOS + marginNanos;
        this.threads = threads;
        this.nanoTime = nanoTime;
    }

    /**
     * Completes when this attempt of the request may leave; its continuation runs on one of the
     * API call threads. Each call is one departure: a retry asks again.
     */
    public CompletableFuture<Departure> departure(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        Window window = byAccount.computeIfAbsent(request.account(), account -> new Window());
        CompletableFuture<Departure> granted = new CompletableFuture<>();
        window.enqueue(granted);
        return granted;
    }

    /**
     * Lets every request still waiting for its departure go at once without one ({@link
     * Departure#NONE}): the sweep was stopped, and they are to meet the closed gate, not their turn.
     */
    public void releaseWaiting() {
        byAccount.values().forEach(Window::releaseWaiting);
    }

    /** The request of this departure is handed to the HTTP client on this thread now. */
    public void sending(@ExchangeProperty(FlowNames.DEPARTURE) Departure departure) {
        SENDING.set(departure);
    }

    /** The HTTP call is over, answered or not: a departure that never reached the wire counts as now. */
    public void sent(@ExchangeProperty(FlowNames.DEPARTURE) Departure departure) {
        SENDING.remove();
        if (holdsSlot(departure)) {
            departure.window.left(departure, nanoTime.getAsLong(), false);
        }
    }

    /** Called by the HTTP client on its sending thread, once the connection is open and before the request is written. */
    public void holdUntilDue() {
        Departure departure = SENDING.get();
        if (holdsSlot(departure)) {
            long early;
            while ((early = departure.notBefore - nanoTime.getAsLong()) > 0) {
                LockSupport.parkNanos(early);
            }
        }
    }

    /** Called by the HTTP client on its sending thread right after it flushed the request to the socket. */
    public void onTheWire() {
        Departure departure = SENDING.get();
        if (holdsSlot(departure)) {
            departure.window.left(departure, nanoTime.getAsLong(), true);
        }
    }

    /** A departure of a request on its way out; none for a request let go by a stopped sweep. */
    private static boolean holdsSlot(Departure departure) {
        return departure != null && departure != Departure.NONE;
    }

    /** One granted departure: which slot of its account's window it holds. */
    public static final class Departure {

        /** No departure: the request was let go because its sweep was stopped, and holds no slot. */
        static final Departure NONE = new Departure(null, -1, 0, 0);

        private final Window window;
        private final int slot;
        private final long generation;
        private final long notBefore;

        private Departure(Window window, int slot, long generation, long notBefore) {
            this.window = window;
            this.slot = slot;
            this.generation = generation;
            this.notBefore = notBefore;
        }
    }

    /** The last {@code permits} departures of one account (granted and not yet on the wire = pending) and who waits. */
    private final class Window {

        private static final long PENDING = Long.MAX_VALUE;

        private final long[] departedNanos = new long[permits];
        private final long[] generations = new long[permits];
        private final ArrayDeque<CompletableFuture<Departure>> waiting = new ArrayDeque<>();
        private ScheduledFuture<?> wakeup;
        private long wakeupAt;

        Window() {
            Arrays.fill(departedNanos, nanoTime.getAsLong() - spanNanos);
        }

        synchronized void enqueue(CompletableFuture<Departure> granted) {
            waiting.addLast(granted);
            grant(nanoTime.getAsLong());
        }

        synchronized void releaseWaiting() {
            while (!waiting.isEmpty()) {
                CompletableFuture<Departure> released = waiting.pollFirst();
                threads.execute(() -> released.complete(Departure.NONE));
            }
        }

        synchronized void left(Departure departure, long now, boolean onTheWire) {
            if (generations[departure.slot] != departure.generation) {
                return;
            }
            if (departedNanos[departure.slot] == PENDING || onTheWire) {
                // A resend on a fresh connection leaves again: the later time counts.
                departedNanos[departure.slot] = departedNanos[departure.slot] == PENDING
                        ? now : Math.max(departedNanos[departure.slot], now);
            }
            grant(now);
        }

        /** Grants the slot whose departure is oldest once it is due within the lead; otherwise wakes up then. */
        private void grant(long now) {
            while (!waiting.isEmpty()) {
                int oldest = -1;
                for (int slot = 0; slot < departedNanos.length; slot++) {
                    if (departedNanos[slot] != PENDING && (oldest < 0 || departedNanos[slot] < departedNanos[oldest])) {
                        oldest = slot;
                    }
                }
                if (oldest < 0) {
                    return;   // every slot waits for its request to reach the wire
                }
                long due = departedNanos[oldest] + spanNanos;
                if (due - LEAD_NANOS > now) {
                    wakeUpAt(due - LEAD_NANOS, now);
                    return;
                }
                departedNanos[oldest] = PENDING;
                Departure departure = new Departure(this, oldest, ++generations[oldest], due);
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
