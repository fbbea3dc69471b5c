package com.rtcusage.usage;

import static com.rtcusage.support.RateLimitAssertions.assertAtMostTwoPerSecondPerAccount;
import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.sweep.SweepSummary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The API allows 2 requests per second per account. Judged on the arrival times the sandbox
 * recorded, not on the client's view: no account ever has 3 requests inside one second, and
 * accounts do not wait for each other.
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=throttle.usage", "rtc-usage.kafka.dead-letter-topic=throttle.dead",
        "rtc-usage.window.days=2",
        "rtc-usage.accounts[0].name=busy",
        "rtc-usage.accounts[0].access-key-id=AKLTthrottletest0000000000000001",
        "rtc-usage.accounts[0].secret-access-key=throttle-test-secret-1",
        "rtc-usage.accounts[0].app-ids=t1,t2,t3,t4,t5,t6,t7,t8,t9,t10,t11,t12",
        "rtc-usage.accounts[1].name=other",
        "rtc-usage.accounts[1].access-key-id=AKLTthrottletest0000000000000002",
        "rtc-usage.accounts[1].secret-access-key=throttle-test-secret-2",
        "rtc-usage.accounts[1].app-ids=o1,o2,o3,o4,o5,o6"})
class ThrottleIT {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Test
    void neverSendsThreeRequestsOfOneAccountWithinOneSecondAndRunsAccountsInParallel() {
        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        List<RecordedRequest> requests = sandbox.requests();
        assertThat(summary.isComplete()).isTrue();
        assertThat(requests).hasSize(18).allSatisfy(request -> assertThat(request.status()).isEqualTo(200));

        Map<String, List<Long>> arrivals = requests.stream().collect(Collectors.groupingBy(RecordedRequest::accessKeyId,
                Collectors.mapping(RecordedRequest::receivedNanos, Collectors.toList())));
        List<Long> busy = arrivals.get("AKLTthrottletest0000000000000001").stream().sorted().toList();
        List<Long> other = arrivals.get("AKLTthrottletest0000000000000002").stream().sorted().toList();
        assertThat(busy).hasSize(12);
        assertThat(other).hasSize(6);
        assertAtMostTwoPerSecondPerAccount(requests);
        // Parallel, not one account after the other: "other" starts long before "busy" ends.
        assertThat(other.get(0)).isLessThan(busy.get(2));
        assertThat(other.get(other.size() - 1)).isLessThan(busy.get(busy.size() - 1));
    }
}
