package com.rtcusage.sweep;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.stop.SweepGate;
import com.rtcusage.usage.AccountSweep;
import com.rtcusage.usage.UsageRequest;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * Lets an account's apps into the sweep a few at a time: at most {@value #APPS_IN_FLOW} of them are
 * in the flow at once (waiting for their departure, in flight or being recorded), the next one
 * enters as one leaves. The pacing needs only a few waiting to keep the account at the API's
 * limit; letting all of an account's apps in at once made a sweep of 10,000 apps hold 10,000 sets
 * of exchanges for up to a minute, most of its heap. The split asks for the next app on a thread
 * of its own per account ({@code sweepAppThreads}), which waits here while the account is full;
 * once the sweep is stopped nobody waits, the rest are let in to meet the closed gate.
 * <p>
 * An app's room is given back when its exchange completes, however it ends (answered,
 * dead-lettered, failed, or ended by Camel's {@code stop} at the closed gate, which skips any
 * {@code doFinally}). No route step has to pair with the one that took it.
 */
@Component(FlowNames.APP_ADMISSION)
public class AppAdmission {

    static final int APPS_IN_FLOW = 8;

    private final SweepGate gate;
    /** Apps handed out with room taken, until their exchange has {@link #entered} the flow. */
    private final Map<UsageRequest, Semaphore> admittedTo = new ConcurrentHashMap<>();

    public AppAdmission(SweepGate gate) {
        this.gate = gate;
    }

    /** The account's requests, each handed out once the account has room for it. */
    public Iterator<UsageRequest> admitted(AccountSweep sweep) {
        Semaphore room = new Semaphore(APPS_IN_FLOW);   // this sweep's room: a late release never reaches the next one's
        Iterator<UsageRequest> requests = sweep.requests().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return requests.hasNext();
            }

            @Override
            public UsageRequest next() {
                if (!requests.hasNext()) {
                    throw new NoSuchElementException();
                }
                boolean roomTaken = waitForRoom(room);
                UsageRequest request = requests.next();
                if (roomTaken) {
                    admittedTo.put(request, room);
                }
                return request;
            }
        };
    }

    /**
     * The first step of an app's exchange: from now on its exchange gives back, when it completes
     * on whatever path, the room it took in its account.
     */
    public void entered(Exchange app) {
        Semaphore room = admittedTo.remove(app.getMessage().getBody(UsageRequest.class));
        app.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                // Only the room: the departure has its own on-completion (DeparturePacing.departure).
                if (room != null) {
                    room.release();
                }
            }
        });
    }

    /** True once room was taken; false when the sweep was stopped meanwhile (nothing to give back). */
    private boolean waitForRoom(Semaphore room) {
        try {
            while (!room.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (gate.isClosed()) {
                    return false;   // stopped: no request leaves any more, the rest only pass the gate
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
