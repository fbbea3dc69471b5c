package com.rtcusage.sweep;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.flow.FlowNames;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads on which the sweep hands out each account's apps: one per account, since each
 * waits while its account has no room in the flow ({@link AppAdmission}); at most
 * {@value #MAX_THREADS}, beyond which accounts take turns.
 */
@Configuration(proxyBeanMethods = false)
public class SweepThreads {

    static final int MAX_THREADS = 256;

    @Bean(FlowNames.SWEEP_APP_THREADS)
    ExecutorService sweepAppThreads(CamelContext camel, RtcUsageProperties properties) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "SweepApps",
                Math.min(MAX_THREADS, properties.accounts().size()));
    }
}
