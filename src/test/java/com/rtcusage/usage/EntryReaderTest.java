package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.wire.WireJson;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** One day entry into a DailyUsage, or an unprocessable entry saying what is wrong with it. */
class EntryReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    private static final UsageRequest REQUEST = new UsageRequest("prod", "app-1");
    private final EntryReader reader = new EntryReader();

    @Test
    void readsTheFourTiersAndTheBeijingDay() throws Exception {
        DailyUsage usage = reader.read(entry("""
                {"TimeStamp":"2026-11-25T00:00:00+08:00","Audio":12345,"VideoSDM":123456,"VideoSD":11111,"VideoHD":12321}"""));

        assertThat(usage.day()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(usage.timestamp()).isEqualTo("2026-11-25T00:00:00+08:00");
        assertThat(usage.minutes()).isEqualTo(new TierMinutes(12345, 123456, 11111, 12321));
        assertThat(usage.key()).isEqualTo("app-1:2026-11-25");
        assertThat(usage.requestId()).isEqualTo("r-1");
    }

    @Test
    void theBeijingDayIsTakenFromTheInstantWhateverTheOffset() throws Exception {
        DailyUsage usage = reader.read(entry("""
                {"TimeStamp":"2026-11-24T16:00:00Z","Audio":0,"VideoSDM":0,"VideoSD":0,"VideoHD":0}"""));

        assertThat(usage.day()).isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @Test
    void anEntryThatIsNoDayOfMinutesIsUnprocessable() {
        String[] bad = {
                "{\"Audio\":1,\"VideoSDM\":2,\"VideoSD\":3,\"VideoHD\":4}",
                "{\"TimeStamp\":\"yesterday\",\"Audio\":1,\"VideoSDM\":2,\"VideoSD\":3,\"VideoHD\":4}",
                "{\"TimeStamp\":\"2026-11-25T00:00:00+08:00\",\"Audio\":-1,\"VideoSDM\":2,\"VideoSD\":3,\"VideoHD\":4}",
                "{\"TimeStamp\":\"2026-11-25T00:00:00+08:00\",\"Audio\":1.5,\"VideoSDM\":2,\"VideoSD\":3,\"VideoHD\":4}",
                "{\"TimeStamp\":\"2026-11-25T00:00:00+08:00\",\"Audio\":1,\"VideoSDM\":2,\"VideoSD\":3}"};
        for (String json : bad) {
            assertThatThrownBy(() -> reader.read(entry(json))).as(json).isInstanceOf(UnprocessableEntryException.class)
                    .hasMessageContaining("app-1").hasMessageContaining("r-1");
        }
    }

    private static UsageEntry entry(String json) throws Exception {
        JsonNode node = WireJson.MAPPER.readTree(json);
        return new UsageEntry(REQUEST, "r-1", NOW, node);
    }
}
