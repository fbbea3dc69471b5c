package com.rtcusage.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.sandbox.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The API's limit, judged where the API judges it: on the sandbox's recorded arrival times. */
public final class RateLimitAssertions {

    private static final long ONE_SECOND = 1_000_000_000L;

    private RateLimitAssertions() {
    }

    /** No access key ever has three requests arrive within one second, retries included. */
    public static void assertAtMostTwoPerSecondPerAccount(List<RecordedRequest> requests) {
        Map<String, List<Long>> arrivals = requests.stream().collect(Collectors.groupingBy(
                RecordedRequest::accessKeyId, Collectors.mapping(RecordedRequest::receivedNanos, Collectors.toList())));
        arrivals.forEach((accessKeyId, times) -> {
            List<Long> sorted = times.stream().sorted().toList();
            for (int i = 0; i + 2 < sorted.size(); i++) {
                assertThat(sorted.get(i + 2) - sorted.get(i))
                        .as("requests %d..%d of %s are spread over at least 1 s", i, i + 2, accessKeyId)
                        .isGreaterThanOrEqualTo(ONE_SECOND);
            }
        });
    }
}
