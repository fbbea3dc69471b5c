package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rtcusage.failure.FailureKind;
import com.rtcusage.failure.Failures;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Answers as the API documents them: figures, its error object, or something that is no answer at all. */
class AnswerReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00.123Z");
    private static final UsageRequest REQUEST = new UsageRequest("prod", "app-1");
    private final AnswerReader reader = new AnswerReader(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void figuresComeWithTheirRequestIdAndArrivalTime() throws Exception {
        UsageAnswer answer = reader.read(stream("""
                {"ResponseMetadata":{"RequestId":"r-1","Action":"ListUsages","Version":"2023-11-01"},
                 "Result":{"Usages":[{"TimeStamp":"2026-11-25T00:00:00+08:00","Audio":1,"VideoSDM":2,"VideoSD":3,"VideoHD":4},
                                     {"TimeStamp":"2026-11-26T00:00:00+08:00","Audio":5,"VideoSDM":6,"VideoSD":7,"VideoHD":8}]}}
                """), 200, REQUEST);

        assertThat(answer.entries()).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.requestId()).isEqualTo("r-1");
            assertThat(entry.fetchedAt()).isEqualTo(NOW);
            assertThat(entry.request()).isEqualTo(REQUEST);
        });
        assertThat(answer.entries().get(1).entry().get("Audio").asLong()).isEqualTo(5);
    }

    @Test
    void readsAnswersInAnyOrderWithFieldsItDoesNotKnowAndAnotherVersion() throws Exception {
        UsageAnswer answer = reader.read(stream("""
                {"ResponseMetadata":{"RequestId":"r-1","Version":"2020-12-01","Region":"cn-north-1"},
                 "Result":{"Total":2,"Usages":[
                   {"TimeStamp":"2026-11-25T16:00:00Z","Audio":5,"VideoSDM":6,"VideoSD":7,"VideoHD":8,"Region":"cn"},
                   {"TimeStamp":"2026-11-25T00:00:00+08:00","Audio":1,"VideoSDM":2,"VideoSD":3,"VideoHD":4,"Extra":{"x":1}}]}}
                """), 200, REQUEST);

        assertThat(answer.entries()).extracting(UsageEntry::day)
                .containsExactly(java.time.LocalDate.of(2026, 11, 26), java.time.LocalDate.of(2026, 11, 25));
    }

    @Test
    void aDayReportedTwiceCountsOnceAsItsLastEntry() throws Exception {
        UsageAnswer answer = reader.read(stream("""
                {"ResponseMetadata":{"RequestId":"r-1"},"Result":{"Usages":[
                   {"TimeStamp":"2026-11-25T00:00:00+08:00","Audio":1,"VideoSDM":0,"VideoSD":0,"VideoHD":0},
                   {"TimeStamp":"2026-11-26T00:00:00+08:00","Audio":2,"VideoSDM":0,"VideoSD":0,"VideoHD":0},
                   {"TimeStamp":"2026-11-24T16:00:00Z","Audio":3,"VideoSDM":0,"VideoSD":0,"VideoHD":0},
                   {"Audio":9}]}}
                """), 200, REQUEST);

        assertThat(answer.entries()).extracting(entry -> entry.entry().path("Audio").asInt()).containsExactly(2, 3, 9);
    }

    @Test
    void anAnswerOverOneMebibyteIsUnreadableAndReadNoFurther() {
        byte[] huge = ("{\"ResponseMetadata\":{},\"Result\":{\"Usages\":[],\"Pad\":\"" + "x".repeat(AnswerReader.MAX_ANSWER_BYTES) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        CountingStream body = new CountingStream(huge);

        assertThatThrownBy(() -> reader.read(body, 200, REQUEST)).isInstanceOfSatisfying(ApiCallException.class, e -> {
            assertThat(new Failures().classify(e).kind()).isEqualTo(FailureKind.API_UNREADABLE);
            assertThat(e.errorMessage()).contains("larger than 1048576 bytes");
        });
        assertThat(body.read).isEqualTo(AnswerReader.MAX_ANSWER_BYTES + 1);
        assertThat(body.closed).isTrue();
    }

    @Test
    void theApisErrorObjectIsCarriedWithItsCodeAndRequestId() {
        String body = """
                {"ResponseMetadata":{"RequestId":"r-2","Error":{"Code":"InvalidParameter.NotExistAppId","Message":"no such app"}}}""";

        assertThatThrownBy(() -> reader.read(stream(body), 400, REQUEST)).isInstanceOfSatisfying(ApiCallException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("InvalidParameter.NotExistAppId");
            assertThat(e.errorMessage()).isEqualTo("no such app");
            assertThat(e.requestId()).isEqualTo("r-2");
            assertThat(e.body()).isEqualTo(body);
            assertThat(e.getMessage()).contains("app-1", "r-2", "InvalidParameter.NotExistAppId");
            assertThat(new Failures().classify(e).kind()).isEqualTo(FailureKind.API_REJECTED);
        });
    }

    @Test
    void whatIsNoAnswerIsUnreadable() {
        for (String body : new String[] {"<html>bad gateway</html>", "", "[1,2]", "{\"Result\":{}}"}) {
            assertThatThrownBy(() -> reader.read(stream(body), 200, REQUEST)).as(body).isInstanceOfSatisfying(ApiCallException.class,
                    e -> assertThat(new Failures().classify(e).kind()).isEqualTo(FailureKind.API_UNREADABLE));
        }
        assertThatThrownBy(() -> reader.read(stream("<html>bad gateway</html>"), 502, REQUEST)).isInstanceOfSatisfying(
                ApiCallException.class, e -> assertThat(new Failures().classify(e).kind()).isEqualTo(FailureKind.API_SERVER_ERROR));
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts what the reader takes from it. */
    private static final class CountingStream extends ByteArrayInputStream {
        int read;
        boolean closed;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int n = super.read(buffer, offset, length);
            read += Math.max(n, 0);
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
