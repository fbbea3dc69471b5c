package com.rtcusage.sweep;

import com.rtcusage.flow.FlowNames;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The route policy of the trigger routes: with leader election on, they run only on the holder of
 * the Kubernetes Lease of namespace {@value #LOCK}, started when it wins the Lease and stopped when
 * it loses it; with it off (locally, in tests, one-shot), they run as any route does.
 */
@Configuration(proxyBeanMethods = false)
public class LeaderOnlyTriggers {

    /** Lock group, and so the Lease name suffix, shared by every trigger route. */
    public static final String LOCK = "sweep";

    @Bean(FlowNames.SWEEP_LEADERSHIP)
    RoutePolicy sweepLeadership(@Value("${camel.cluster.kubernetes.enabled:false}") boolean leaderElection) throws Exception {
        return leaderElection ? ClusteredRoutePolicy.forNamespace(LOCK) : new RoutePolicySupport() { };
    }
}
