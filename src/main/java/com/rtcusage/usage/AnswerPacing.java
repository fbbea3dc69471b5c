package com.rtcusage.usage;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.flow.FlowNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Spaces an account's requests from the moment its previous answer arrived: the next request
 * waits {@code 1000 / requests-per-second} ms after that answer. Since a request reaches the API
 * before its answer comes back, two requests of one account then reach the API at least that far
 * apart, however long a request took to leave (cold start, TLS handshake, a GC pause). The
 * route's Throttle EIP alone counts from when requests leave, which such delays can squeeze.
 */
@Component(FlowNames.ANSWER_PACING)
public class AnswerPacing {

    private final long gapNanos;
    private final Map<String, Long> lastAnswerNanos = new ConcurrentHashMap<>();

    public AnswerPacing(RtcUsageProperties properties) {
        this.gapNanos = TimeUnit.MILLISECONDS.toNanos(
                (1000 + properties.rateLimit().requestsPerSecond() - 1) / properties.rateLimit().requestsPerSecond());
    }

    /** How long this account's next request must still wait, in ms (the Delay EIP's expression). */
    public long waitMillis(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        Long last = lastAnswerNanos.get(request.account());
        if (last == null) {
            return 0;
        }
        long remaining = last + gapNanos - System.nanoTime();
        return remaining <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(remaining) + 1;
    }

    /** Records that the account's request was answered (or failed) just now. */
    public void answered(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        lastAnswerNanos.put(request.account(), System.nanoTime());
    }
}
