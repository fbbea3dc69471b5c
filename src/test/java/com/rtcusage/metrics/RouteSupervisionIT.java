package com.rtcusage.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.support.PipelineTest;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.SupervisingRouteController;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Camel's supervising route controller starts the trigger routes, so one whose consumer cannot
 * start is retried with back-off, and readiness says so, instead of stopping the service. The
 * direct: routes of the flow stay unsupervised: they cannot fail to start, and a stopped one keeps
 * turning readiness DOWN.
 */
@PipelineTest
@TestPropertySource(properties = {"rtc-usage.kafka.topic=supervision.usage", "rtc-usage.kafka.dead-letter-topic=supervision.dead"})
class RouteSupervisionIT {

    @Autowired
    CamelContext camel;

    @Test
    void theTriggerRoutesAreSupervisedAndTheFlowIsNot() {
        assertThat(camel.getRouteController().isSupervising()).isTrue();
        SupervisingRouteController supervisor = camel.getRouteController().supervising();

        assertThat(camel.getRoutes()).extracting(Route::getRouteId).contains("scheduled-sweep");
        assertThat(supervisor.getNonControlledRouteIds()).as("routes started without supervision")
                .contains("sweep", "list-usages", "call-list-usages", "dead-letter")
                .doesNotContain("scheduled-sweep");
        assertThat(supervisor.getRestartingRoutes()).isEmpty();
        assertThat(supervisor.isUnhealthyOnRestarting()).isTrue();
        assertThat(supervisor.isUnhealthyOnExhausted()).isTrue();
        assertThat(supervisor.getBackOffMaxAttempts()).as("never gives up").isZero();
        assertThat(supervisor.getBackOffDelay()).isEqualTo(5000);
        assertThat(supervisor.getBackOffMaxDelay()).isEqualTo(60000);
    }
}
