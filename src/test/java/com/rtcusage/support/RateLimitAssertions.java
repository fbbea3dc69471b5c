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

    /**
     * How long the arrivals of one access key took against the API's floor: from its first to its
     * last recorded arrival, divided by (N-1)/2 s for N arrivals, the least the limit allows.
     */
    public static double floorRatio(List<RecordedRequest> requests, String accessKeyId, int requestsPerSecond) {
        List<Long> arrivals = requests.stream().filter(request -> accessKeyId.equals(request.accessKeyId()))
                .map(RecordedRequest::receivedNanos).sorted().toList();
        assertThat(arrivals).as("arrivals of %s", accessKeyId).hasSizeGreaterThan(1);
        double floorNanos = (arrivals.size() - 1) * (double) ONE_SECOND / requestsPerSecond;
        return (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / floorNanos;
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
