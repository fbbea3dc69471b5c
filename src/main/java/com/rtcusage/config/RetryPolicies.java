package com.rtcusage.config;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel redelivery policies built from {@code rtc-usage.retry}, referenced by name in
 * routes/errors.camel.yaml. Built in Java because Camel reads delays as plain milliseconds,
 * while operators write durations such as {@code 1s}.
 */
@Configuration(proxyBeanMethods = false)
public class RetryPolicies {

    /**
     * Answers that may succeed later: a bounded number of retries, then a dead letter. Redelivered
     * at once: the back-off is call-list-usages' first step (bean retryBackOff), which a stopping
     * sweep can end, where Camel's delay would be waited out.
     */
    @Bean
    RedeliveryPolicy apiRetryPolicy(RtcUsageProperties properties) {
        RedeliveryPolicy policy = backOff(properties.retry()).maximumRedeliveries(properties.retry().maxRetries());
        policy.setRedeliveryDelay(0);
        policy.setUseExponentialBackOff(false);
        return policy;
    }

    /** Kafka away: wait for it without end, so nothing is dropped. */
    @Bean
    RedeliveryPolicy kafkaRetryPolicy(RtcUsageProperties properties) {
        return backOff(properties.retry()).maximumRedeliveries(-1);
    }

    private static RedeliveryPolicy backOff(RtcUsageProperties.Retry retry) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setRedeliveryDelay(retry.initialDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(retry.multiplier());
        policy.setMaximumRedeliveryDelay(retry.maxDelay().toMillis());
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setLogStackTrace(false);
        policy.setLogRetryStackTrace(false);
        policy.setLogExhausted(false);
        return policy;
    }
}
