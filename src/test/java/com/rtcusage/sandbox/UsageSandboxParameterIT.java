package com.rtcusage.sandbox;

import static com.rtcusage.sandbox.SandboxFixture.KEY_A;
import static com.rtcusage.sandbox.SandboxFixture.NOW;
import static com.rtcusage.sandbox.SandboxFixture.body;
import static com.rtcusage.sandbox.SandboxTestClient.publisher;
import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.sandbox.SandboxTestClient.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The API's body, window and app rules; the clock is fixed at 2026-11-20 03:00 Beijing. */
class UsageSandboxParameterIT {

    @RegisterExtension
    final RunningSandbox running = new RunningSandbox();

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of("not JSON", "{\"AppId\":", 400, "InvalidParameter", "JSON"),
                Arguments.of("not an object", "[]", 400, "InvalidParameter", "JSON object"),
                Arguments.of("EndTime missing", "{\"AppId\":\"app-a1\",\"StartTime\":\"2026-11-15T00:00:00+08:00\"}",
                        400, "InvalidParameter", "EndTime"),
                Arguments.of("AppId not a string",
                        "{\"AppId\":7,\"StartTime\":\"2026-11-15T00:00:00+08:00\",\"EndTime\":\"2026-11-16T00:00:00+08:00\"}",
                        400, "InvalidParameter", "AppId"),
                Arguments.of("time without T", body("app-a1", "2026-11-15 00:00:00", "2026-11-16T00:00:00+08:00"),
                        400, "InvalidParameter.InvalidTime", "2026-11-15 00:00:00"),
                Arguments.of("time without offset", body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00"),
                        400, "InvalidParameter.InvalidTime", "2026-11-16T00:00:00"),
                Arguments.of("EndTime before StartTime",
                        body("app-a1", "2026-11-16T00:00:00+08:00", "2026-11-15T00:00:00+08:00"),
                        400, "InvalidParameter.TimeRangeExceeded", "2026-11-15T00:00+08:00"),
                Arguments.of("empty window", body("app-a1", "2026-11-16T00:00:00+08:00", "2026-11-16T00:00:00+08:00"),
                        400, "InvalidParameter.TimeRangeExceeded", "2026-11-16T00:00+08:00"),
                Arguments.of("31 days", body("app-a1", "2026-10-25T00:00:00+08:00", "2026-11-25T00:00:00+08:00"),
                        400, "InvalidParameter.TimeRangeExceeded", "30 days"),
                Arguments.of("start more than 30 days back",
                        body("app-a1", "2026-10-21T00:00:00+08:00", "2026-10-22T00:00:00+08:00"),
                        400, "InvalidParameter.OutofTimeRange", "2026-10-21T00:00+08:00"),
                Arguments.of("start in the future", body("app-a1", "2026-11-20T04:00:00+08:00", "2026-11-21T00:00:00+08:00"),
                        400, "InvalidParameter.StartTimeInFuture", "2026-11-20T04:00+08:00"),
                Arguments.of("unknown app", body("ghost-app", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00"),
                        400, "InvalidParameter.NotExistAppId", "ghost-app"),
                Arguments.of("another account's app",
                        body("app-b1", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00"),
                        403, "AccessDenied", "app-b1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void refusesWithTheApisCodeNamingTheBadValue(String name, String body, int status, String code, String named) {
        Reply reply = running.client().listUsages(KEY_A, body, NOW);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.errorMessage()).contains(named);
        assertThat(reply.json().at("/ResponseMetadata/Error/CodeN").isInt()).isTrue();
        assertThat(reply.requestId()).isNotBlank();
        assertThat(running.sandbox().requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.status()).isEqualTo(status);
            assertThat(recorded.errorCode()).isEqualTo(code);
            assertThat(recorded.requestId()).isEqualTo(reply.requestId());
        });
    }

    @Test
    void acceptsExactlyThirtyDaysStartingWithinTheLookBack() {
        Reply reply = running.client().listUsages(KEY_A,
                body("app-a1", "2026-10-22T00:00:00+08:00", "2026-11-21T00:00:00+08:00"), NOW);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        // 10-22 .. 11-19: 11-20 has no figures before 08:00 Beijing, so it is left out
        assertThat(reply.usages()).hasSize(29);
        assertThat(reply.usages().get(28).get("TimeStamp").asText()).isEqualTo("2026-11-19T00:00:00+08:00");
    }

    static Stream<Arguments> otherOperations() {
        return Stream.of(
                Arguments.of("GET", "/?Action=ListUsages&Version=2023-11-01", 404, "InvalidActionOrVersion"),
                Arguments.of("POST", "/?Action=ListApps&Version=2023-11-01", 404, "InvalidActionOrVersion"),
                Arguments.of("POST", "/?Action=ListUsages&Version=2020-01-01", 404, "InvalidActionOrVersion"),
                Arguments.of("POST", "/usages?Action=ListUsages&Version=2023-11-01", 404, "InvalidActionOrVersion"),
                Arguments.of("POST", "/?Version=2023-11-01", 400, "MissingParameter"),
                Arguments.of("POST", "/?Action=ListUsages", 400, "MissingParameter"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("otherOperations")
    void servesNothingButListUsages(String method, String pathAndQuery, int status, String code) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(running.sandbox().endpoint() + pathAndQuery))
                .method(method, publisher("GET".equals(method) ? "" : "{}"))
                .build();

        Reply reply = running.client().send(request);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.errorMessage()).isNotBlank();
    }
}
