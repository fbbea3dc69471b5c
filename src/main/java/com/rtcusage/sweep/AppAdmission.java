package com.rtcusage.sweep;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.AccountSweep;
import com.rtcusage.usage.UsageRequest;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Lets an account's apps into the sweep a few at a time: at most {@value #APPS_IN_FLOW} of them are
 * in the flow at once (waiting for their departure, in flight or being recorded), the next one
 * enters as one leaves. The pacing needs only a few waiting to keep the account at the API's
 * limit; letting all of an account's apps in at once made a sweep of 10,000 apps hold 10,000 sets
 * of exchanges for up to a minute, most of its heap. The split asks for the next app on a thread
 * of its own per account ({@code sweepAppThreads}), which waits here while the account is full;
 * once the sweep is stopped nobody waits, the rest are let in to meet the closed gate.
 */
@Component(FlowNames.APP_ADMISSION)
public class AppAdmission {

    static final int APPS_IN_FLOW = 8;

    private final SweepGate gate;
    private final Map<String, Semaphore> inFlow = new ConcurrentHashMap<>();

    public AppAdmission(SweepGate gate) {
        this.gate = gate;
    }

    /** The account's requests, each handed out once the account has room for it. */
    public Iterator<UsageRequest> admitted(AccountSweep sweep) {
        Semaphore room = new Semaphore(APPS_IN_FLOW);
        inFlow.put(sweep.account(), room);   // sweeps never overlap: this sweep's room
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
                waitForRoom(room);
                return requests.next();
            }
        };
    }

    /** An app of this account has left the flow, done or failed. */
    public void left(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        Semaphore room = inFlow.get(request.account());
        if (room != null) {
            room.release();
        }
    }

    private void waitForRoom(Semaphore room) {
        try {
            while (!room.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (gate.isClosed()) {
                    return;   // stopped: no request leaves any more, the rest only pass the gate
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
