package com.rtcusage.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.support.Json;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.RecordSchemas;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Price books per account through the whole service: the local accounts (demo-a: 3 apps, priced from
 * rtc-usage.pricing; demo-b: 2 apps, with books of its own in CNY per 100 minutes) swept against the
 * sandbox into a real broker, every record read back. The books come from an operator's extra YAML
 * file. A changed book is a second start of the service on the same topic with the changed file, as a
 * rollout brings it (configuration is bound once, at start): the published state is read back from the
 * topic, so "changed" is decided as it is in production. The clock stands at 11:00 in Beijing on
 * 2026-11-26, so every life sees the same figures and only the books differ.
 */
@EmbeddedKafka(kraft = true, partitions = 2)
class PriceBooksPerAccountIT {

    private static final Instant ELEVEN_IN_BEIJING = Instant.parse("2026-11-26T03:00:00Z");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-10-28");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-26");
    private static final List<String> APPS_A = List.of("demo-app-a1", "demo-app-a2", "demo-app-a3");
    private static final List<String> APPS_B = List.of("demo-app-b1", "demo-app-b2");

    /** rtc-usage.pricing as application.yaml ships it. */
    private static final Prices LIST_PRICES = new Prices("USD", 1000,
            List.of(new Book("2020-01-01", "0.99", "1.99", "3.99", "8.99")));
    /** demo-b's contract: an audio price that puts every odd minute count on an exact half at the 7th digit. */
    private static final Book OCTOBER = new Book("2026-10-01", "7.00005", "0.35", "1.40", "3.15");
    private static final Book NOVEMBER = new Book("2026-11-20", "6.50005", "0.30", "1.30", "2.95");
    private static final Prices PARTNER = new Prices("CNY", 100, List.of(OCTOBER, NOVEMBER));

    @TempDir
    Path configDir;

    @Test
    void eachAccountIsPricedFromItsOwnBooks(EmbeddedKafkaBroker broker) throws IOException {
        String[] settings = settings(broker, "books.usage", LIST_PRICES, PARTNER);

        try (ConfigurableApplicationContext service = LocalService.start(new MovableClock(ELEVEN_IN_BEIJING), settings)) {
            assertThat(LocalService.sweep(service).published()).isEqualTo(5 * 30);
            // the operational cost metric counts each account in its own currency, with no empty series in another
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            assertThat(meters.find("rtc_usage.final.cost").tag("account", "demo-b").counters())
                    .isNotEmpty().allSatisfy(counter -> assertThat(counter.getId().getTag("currency")).isEqualTo("CNY"));
            assertThat(meters.find("rtc_usage.final.cost").tags("account", "demo-b", "tier", "audio").counter().count()).isPositive();
            assertThat(meters.find("rtc_usage.final.cost").tag("account", "demo-a").counters())
                    .isNotEmpty().allSatisfy(counter -> assertThat(counter.getId().getTag("currency")).isEqualTo("USD"));
        }

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(broker.getBrokersAsString(), "books.usage");
        assertThat(records).hasSize(5 * 30);
        Map<String, Long> byBook = records.stream().map(record -> Json.parse(record.value()))
                .collect(Collectors.groupingBy(value -> value.get("account").asText() + " " + value.at("/cost/book").asText(),
                        Collectors.counting()));
        assertThat(byBook).containsExactlyInAnyOrderEntriesOf(Map.of(
                "demo-a 2020-01-01", 3 * 30L,
                "demo-b 2026-10-01", 2 * 23L,    // 10-28 .. 11-19
                "demo-b 2026-11-20", 2 * 7L));   // 11-20 .. 11-26
        int evenHalvesKept = 0;
        for (ConsumerRecord<String, String> record : records) {
            RecordSchemas.assertValid(RecordSchemas.USAGE_RECORD, record.value());
            JsonNode value = Json.parse(record.value());
            Prices prices = value.get("account").asText().equals("demo-b") ? PARTNER : LIST_PRICES;
            assertThat(value.get("cost")).as(record.key()).isEqualTo(prices.expectedCost(value));
            String audioPrice = prices.inForceOn(day(value)).audio();
            long audio = value.at("/minutes/audio").asLong();
            if (prices == PARTNER && exactHalf(audio, audioPrice, PARTNER.unitMinutes())
                    && tier(audio, audioPrice, PARTNER.unitMinutes(), RoundingMode.HALF_UP).compareTo(new BigDecimal(value.at("/cost/audio").asText())) > 0) {
                evenHalvesKept++;
            }
        }
        assertThat(evenHalvesKept).as("exact halves rounded down to an even 6th digit, where HALF_UP would not").isPositive();
    }

    @Test
    void aChangedBookRepublishesExactlyTheDaysItChanges(EmbeddedKafkaBroker broker) throws IOException {
        MovableClock clock = new MovableClock(ELEVEN_IN_BEIJING);
        String brokers = broker.getBrokersAsString();
        try (ConfigurableApplicationContext first = LocalService.start(clock, settings(broker, "rebook.usage", LIST_PRICES, PARTNER))) {
            assertThat(LocalService.sweep(first).published()).isEqualTo(5 * 30);
        }
        List<ConsumerRecord<String, String>> published = TopicReader.readAll(brokers, "rebook.usage");

        // A book added for demo-b from 11-24: its days from then on, and nothing else.
        Book lateNovember = new Book("2026-11-24", "6.00", "0.25", "1.25", "2.50");
        Prices added = new Prices("CNY", 100, List.of(OCTOBER, NOVEMBER, lateNovember));
        List<ConsumerRecord<String, String>> republished = sweepAgain(clock, broker, "rebook.usage", LIST_PRICES, added, published);
        assertThat(keys(republished)).containsExactlyInAnyOrderElementsOf(keys(APPS_B, LocalDate.parse("2026-11-24"), TODAY));
        assertRepricedWithNewIds(republished, published, added);
        published = TopicReader.readAll(brokers, "rebook.usage");

        // demo-b's October book changed in place, and the global book: demo-b's October days and all of demo-a's.
        Book octoberChanged = new Book("2026-10-01", "7.10", "0.35", "1.40", "3.15");
        Prices changed = new Prices("CNY", 100, List.of(octoberChanged, NOVEMBER, lateNovember));
        Prices listPricesChanged = new Prices("USD", 1000, List.of(new Book("2020-01-01", "0.99", "1.99", "3.99", "9.49")));
        republished = sweepAgain(clock, broker, "rebook.usage", listPricesChanged, changed, published);
        Set<String> expected = new HashSet<>(keys(APPS_B, FIRST_DAY, LocalDate.parse("2026-11-19")));
        expected.addAll(keys(APPS_A, FIRST_DAY, TODAY));
        assertThat(keys(republished)).containsExactlyInAnyOrderElementsOf(expected);
        assertRepricedWithNewIds(republished.stream().filter(demo("demo-b")).toList(), published, changed);
        assertRepricedWithNewIds(republished.stream().filter(demo("demo-a")).toList(), published, listPricesChanged);
    }

    /** A new life of the service with these books, one sweep; returns the records it added to the topic. */
    private List<ConsumerRecord<String, String>> sweepAgain(MovableClock clock, EmbeddedKafkaBroker broker, String topic,
            Prices global, Prices partner, List<ConsumerRecord<String, String>> before) throws IOException {
        SweepSummary summary;
        try (ConfigurableApplicationContext service = LocalService.start(clock, settings(broker, topic, global, partner))) {
            summary = LocalService.sweep(service);
        }
        Set<String> positions = before.stream().map(PriceBooksPerAccountIT::position).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> added = TopicReader.readAll(broker.getBrokersAsString(), topic).stream()
                .filter(record -> !positions.contains(position(record))).toList();
        assertThat(summary.isComplete()).isTrue();
        assertThat(summary.published()).isEqualTo(added.size());
        assertThat(summary.unchanged()).isEqualTo(5 * 30 - added.size());
        return added;
    }

    /** Each record priced from the new books, its minutes as before, and a ce_id its key never had. */
    private static void assertRepricedWithNewIds(List<ConsumerRecord<String, String>> republished,
            List<ConsumerRecord<String, String>> before, Prices prices) {
        Map<String, ConsumerRecord<String, String>> latest = new HashMap<>();
        before.forEach(record -> latest.put(record.key(), record));
        for (ConsumerRecord<String, String> record : republished) {
            JsonNode value = Json.parse(record.value());
            JsonNode previous = Json.parse(latest.get(record.key()).value());
            assertThat(value.get("cost")).as(record.key()).isEqualTo(prices.expectedCost(value)).isNotEqualTo(previous.get("cost"));
            assertThat(value.get("minutes")).isEqualTo(previous.get("minutes"));
            assertThat(ceId(record)).isNotEqualTo(ceId(latest.get(record.key())));
        }
    }

    private String[] settings(EmbeddedKafkaBroker broker, String topic, Prices global, Prices partner) throws IOException {
        Path file = Files.createTempFile(configDir, "accounts", ".yaml");
        Files.writeString(file, """
                rtc-usage:
                  pricing:
                %s
                  accounts:
                    - name: demo-a
                      access-key-id: AKLTlocalsandbox0000000000000001
                      secret-access-key: local-sandbox-secret-not-a-real-key-1
                      app-ids: [demo-app-a1, demo-app-a2, demo-app-a3]
                    - name: demo-b
                      access-key-id: AKLTlocalsandbox0000000000000002
                      secret-access-key: local-sandbox-secret-not-a-real-key-2
                      app-ids: [demo-app-b1, demo-app-b2]
                      pricing:
                %s
                """.formatted(global.yaml("    "), partner.yaml("        ")));
        return new String[] {"camel.component.kafka.brokers=" + broker.getBrokersAsString(),
                "rtc-usage.kafka.topic=" + topic, "rtc-usage.kafka.dead-letter-topic=" + topic + ".dead",
                "rtc-usage.schedule.run-on-startup=false",
                "spring.config.additional-location=file:" + file};
    }

    /** One price book as an operator writes it: prices as plain YAML numbers. */
    record Book(String effectiveFrom, String audio, String video360p, String video720p, String video1080p) {
        String yaml(String indent) {
            return indent + "- {effective-from: %s, audio: %s, video-360p: %s, video-720p: %s, video-1080p: %s}"
                    .formatted(effectiveFrom, audio, video360p, video720p, video1080p);
        }
    }

    /** A currency, the minutes a price is for, the books; and the cost a record of them must carry. */
    record Prices(String currency, int unitMinutes, List<Book> books) {
        String yaml(String indent) {
            return indent + "currency: " + currency + "\n" + indent + "unit-minutes: " + unitMinutes + "\n" + indent + "books:\n"
                    + books.stream().map(book -> book.yaml(indent + "  ")).collect(Collectors.joining("\n"));
        }

        Book inForceOn(LocalDate day) {
            return books.stream().filter(book -> !LocalDate.parse(book.effectiveFrom()).isAfter(day))
                    .max(Comparator.comparing(Book::effectiveFrom)).orElseThrow();
        }

        /** The contract's cost, worked out here: minutes × price / unit-minutes, HALF_EVEN at the 6th digit, total of the rounded tiers. */
        JsonNode expectedCost(JsonNode record) {
            Book book = inForceOn(day(record));
            JsonNode minutes = record.get("minutes");
            BigDecimal audio = tier(minutes.get("audio").asLong(), book.audio(), unitMinutes, RoundingMode.HALF_EVEN);
            BigDecimal v360 = tier(minutes.get("video360p").asLong(), book.video360p(), unitMinutes, RoundingMode.HALF_EVEN);
            BigDecimal v720 = tier(minutes.get("video720p").asLong(), book.video720p(), unitMinutes, RoundingMode.HALF_EVEN);
            BigDecimal v1080 = tier(minutes.get("video1080p").asLong(), book.video1080p(), unitMinutes, RoundingMode.HALF_EVEN);
            return Json.parse("""
                    {"currency":"%s","audio":"%s","video360p":"%s","video720p":"%s","video1080p":"%s","total":"%s","book":"%s"}"""
                    .formatted(currency, audio.toPlainString(), v360.toPlainString(), v720.toPlainString(), v1080.toPlainString(),
                            audio.add(v360).add(v720).add(v1080).toPlainString(), book.effectiveFrom()));
        }
    }

    private static BigDecimal tier(long minutes, String price, int unitMinutes, RoundingMode rounding) {
        return BigDecimal.valueOf(minutes).multiply(new BigDecimal(price)).divide(BigDecimal.valueOf(unitMinutes), 6, rounding);
    }

    /** Whether the exact amount ends in a 5 right after the 6th fraction digit: a tie for the rounding. */
    private static boolean exactHalf(long minutes, String price, int unitMinutes) {
        BigDecimal exact = BigDecimal.valueOf(minutes).multiply(new BigDecimal(price)).divide(BigDecimal.valueOf(unitMinutes));
        return exact.scale() == 7 && exact.unscaledValue().mod(BigInteger.TEN).intValue() == 5;
    }

    private static LocalDate day(JsonNode record) {
        return LocalDate.parse(record.get("day").asText());
    }

    private static Predicate<ConsumerRecord<String, String>> demo(String account) {
        return record -> Json.parse(record.value()).get("account").asText().equals(account);
    }

    private static List<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private static Set<String> keys(List<String> apps, LocalDate from, LocalDate to) {
        return apps.stream().flatMap(app -> from.datesUntil(to.plusDays(1)).map(day -> app + ":" + day)).collect(Collectors.toSet());
    }

    private static String ceId(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }

    private static String position(ConsumerRecord<String, String> record) {
        return record.partition() + "@" + record.offset();
    }
}
