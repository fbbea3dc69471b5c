package com.rtcusage.api;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client that calls the API, set up in one place: each answer bounded in size and time
 * ({@link AnswerBounds}, outermost), each request held to its departure and reported to the pace
 * ({@link PacedRequestExecutor}). The component takes one client configurer only.
 */
@Configuration(proxyBeanMethods = false)
public class ApiHttpClient {

    @Bean
    ComponentCustomizer pacedAndBoundedHttpClient(DeparturePacing pacing, AnswerBounds answerBounds) {
        return ComponentCustomizer.builder(HttpComponent.class).build(http -> http.setHttpClientConfigurer(client -> client
                .addExecInterceptorFirst("rtc-usage-answer-bounds", answerBounds)
                .setRequestExecutor(new PacedRequestExecutor(pacing))));
    }
}
