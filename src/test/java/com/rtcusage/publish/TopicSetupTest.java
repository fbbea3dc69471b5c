package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replicas and min.insync.replicas of the topics the service creates. */
class TopicSetupTest {

    @ParameterizedTest(name = "configured {0}, {1} brokers -> factor {2}, min.insync.replicas {3}")
    @CsvSource({
            "0, 1, 1, 1",
            "0, 2, 2, 1",
            "0, 3, 3, 2",
            "0, 7, 3, 2",
            "2, 7, 2, 1",
            "5, 7, 5, 4"})
    void zeroLeavesTheFactorToTheClusterAndOneReplicaMayBeAway(int configured, int brokers, short factor, int minInsync) {
        assertThat(TopicSetup.replicationFactor(configured, brokers)).isEqualTo(factor);
        assertThat(TopicSetup.minInsyncReplicas(factor)).isEqualTo(minInsync);
    }
}
