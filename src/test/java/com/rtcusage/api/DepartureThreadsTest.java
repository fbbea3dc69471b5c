package com.rtcusage.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DepartureThreadsTest {

    @ParameterizedTest(name = "{0} accounts at {1} requests/s: {2} in flight")
    @CsvSource({
            "1, 2, 10",        // at least 10: retries and a slow answer need room beside the pace
            "30, 2, 60",       // one second's worth of requests per account
            "100, 2, 200",
            "100, 5, 256",     // at most as many as the HTTP client's connections to the API
            "1000, 2, 256"})
    void oneSecondsWorthOfRequestsPerAccountWithinBounds(int accounts, int requestsPerSecond, int expected) {
        assertThat(DepartureThreads.requestsInFlight(accounts, requestsPerSecond)).isEqualTo(expected);
    }
}
