package com.rtcusage.api;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.flow.FlowNames;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads on which requests leave once the per-account pacing grants their departure; each
 * then carries its request's call, answer and records. Accounts send in parallel and an account
 * may have several requests in flight, so the pool grows with accounts: one second's worth of
 * requests per account (room for answers of up to about 1 s at the limit), at least 10, at most
 * {@value #MAX_IN_FLIGHT}, as many as the HTTP client's connections to the API
 * ({@code camel.component.http.connections-per-route}). With fewer, a sweep of many accounts is held
 * to threads / answer time.
 */
@Configuration(proxyBeanMethods = false)
public class DepartureThreads {

    static final int MAX_IN_FLIGHT = 256;

    /** How many requests may be in flight at once, over all accounts. */
    static int requestsInFlight(int accounts, int requestsPerSecond) {
        return Math.max(10, Math.min(MAX_IN_FLIGHT, accounts * requestsPerSecond));
    }

    @Bean(FlowNames.API_CALL_THREADS)
    ScheduledExecutorService apiCallThreads(CamelContext camel, RtcUsageProperties properties) {
        return camel.getExecutorServiceManager().newScheduledThreadPool(this, "ApiCall",
                requestsInFlight(properties.accounts().size(), properties.rateLimit().requestsPerSecond()));
    }
}
