package com.rtcusage.config;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Applies {@code rtc-usage.api.connect-timeout} and {@code read-timeout} to Camel's HTTP component. */
@Configuration(proxyBeanMethods = false)
public class HttpTimeouts {

    @Bean
    ComponentCustomizer apiHttpTimeouts(RtcUsageProperties properties) {
        return ComponentCustomizer.builder(HttpComponent.class).build(http -> {
            http.setConnectTimeout(properties.api().connectTimeout().toMillis());
            http.setConnectionRequestTimeout(properties.api().connectTimeout().toMillis());
            http.setSoTimeout(properties.api().readTimeout().toMillis());
            http.setResponseTimeout(properties.api().readTimeout().toMillis());
        });
    }
}
