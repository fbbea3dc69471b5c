package com.rtcusage.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rtcusage.config.InvalidConfigurationException;
import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.config.RtcUsageProperties.Account;
import com.rtcusage.config.RtcUsageProperties.AccountPricing;
import com.rtcusage.config.RtcUsageProperties.PriceBook;
import com.rtcusage.usage.DailyUsage;
import com.rtcusage.usage.WindowPlanner;
import com.rtcusage.usage.TierMinutes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
    private static final PriceBook LIST_PRICES = book("2020-01-01", "0.99", "1.99", "3.99", "8.99");

    @Test
    void pricesTheDesignExampleToTheCent() {
        CostCalculator calculator = calculator(1000, LIST_PRICES);

        Cost cost = calculator.price(usage("2021-07-24", 12345, 123456, 11111, 12321)).cost();

        assertThat(cost.currency()).isEqualTo("USD");
        assertThat(cost.audio()).hasToString("12.221550");
        assertThat(cost.video360p()).hasToString("245.677440");
        assertThat(cost.video720p()).hasToString("44.332890");
        assertThat(cost.video1080p()).hasToString("110.765790");
        assertThat(cost.total()).hasToString("412.997670");
        assertThat(cost.book()).isEqualTo("2020-01-01");
    }

    @Test
    void roundsTiesToEvenAtTheSixthDigitAndSumsTheRoundedTiers() {
        // unit 1000 minutes, price 0.000001: 500 minutes cost 0.0000005 -> 0.000000 (tie, even),
        // 1500 minutes cost 0.0000015 -> 0.000002 (tie, even), 2500 -> 0.0000025 -> 0.000002.
        CostCalculator calculator = calculator(1000, book("2020-01-01", "0.000001", "0.000001", "0.000001", "0.000001"));

        Cost cost = calculator.price(usage("2026-11-20", 500, 1500, 2500, 3501)).cost();

        assertThat(cost.audio()).hasToString("0.000000");
        assertThat(cost.video360p()).hasToString("0.000002");
        assertThat(cost.video720p()).hasToString("0.000002");
        assertThat(cost.video1080p()).hasToString("0.000004");
        assertThat(cost.total()).hasToString("0.000008");
    }

    @Test
    void usesTheBookInForceOnEachDayWhenTheBookChangesInsideTheWindow() {
        PriceBook november = book("2026-11-15", "1.00", "2.00", "4.00", "9.00");
        CostCalculator calculator = calculator(1000, november, LIST_PRICES);

        assertThat(calculator.price(usage("2026-11-14", 1000, 0, 0, 0)).cost().audio()).hasToString("0.990000");
        assertThat(calculator.price(usage("2026-11-15", 1000, 0, 0, 0)).cost().audio()).hasToString("1.000000");
        assertThat(calculator.price(usage("2026-11-26", 0, 0, 0, 1000)).cost().video1080p()).hasToString("9.000000");
        assertThat(calculator.price(usage("2026-11-14", 1000, 0, 0, 0)).cost().book()).isEqualTo("2020-01-01");
        assertThat(calculator.price(usage("2026-11-15", 1000, 0, 0, 0)).cost().book()).isEqualTo("2026-11-15");
    }

    @Test
    void refusesToStartWhenTheWindowReachesADayWithoutABook() {
        PriceBook lateBook = book("2026-11-01", "1", "1", "1", "1");

        assertThatThrownBy(() -> calculator(1000, lateBook))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("rtc-usage.pricing.books have no book in force on 2026-10-28");
    }

    @Test
    void staysExactForHugeFiguresWhereDoublesWouldNot() {
        CostCalculator calculator = calculator(1000, book("2020-01-01", "0.10", "0.10", "0.10", "0.10"));

        Cost cost = calculator.price(usage("2026-11-20", 9_007_199_254_740_993L, 0, 0, 0)).cost();

        assertThat(cost.audio()).hasToString("900719925474.099300");
    }

    // --- accounts with books of their own ---

    /** prod: the global books (USD per 1000 min). partner: its own, CNY per 100 min, two books. */
    private static final PriceBook PARTNER_OCTOBER = book("2026-10-01", "7.00005", "0.50", "1.00", "2.00");
    private static final PriceBook PARTNER_NOVEMBER = book("2026-11-15", "8.00", "0.60", "1.20", "2.40");

    @Test
    void pricesEachAccountFromItsOwnBooksCurrencyAndUnit() {
        CostCalculator calculator = calculator(List.of(
                account("prod", null),
                account("partner", new AccountPricing("CNY", 100, List.of(PARTNER_NOVEMBER, PARTNER_OCTOBER)))),
                LIST_PRICES);

        Cost prod = calculator.price(usage("prod", "2026-11-20", 1000, 1000, 1000, 1000)).cost();
        Cost partner = calculator.price(usage("partner", "2026-11-20", 1000, 1000, 1000, 1000)).cost();

        assertThat(prod).isEqualTo(cost("USD", "0.990000", "1.990000", "3.990000", "8.990000", "15.960000", "2020-01-01"));
        assertThat(partner).isEqualTo(cost("CNY", "80.000000", "6.000000", "12.000000", "24.000000", "122.000000", "2026-11-15"));
        assertThat(calculator.currencyOf("partner")).isEqualTo("CNY");
        assertThat(calculator.currencyOf("prod")).isEqualTo("USD");
    }

    @Test
    void choosesTheAccountsBookInForceOnEachDayAtTheEffectiveFromEdges() {
        CostCalculator calculator = calculator(List.of(
                account("partner", new AccountPricing("CNY", 100, List.of(PARTNER_OCTOBER, PARTNER_NOVEMBER)))), LIST_PRICES);

        assertThat(calculator.price(usage("partner", "2026-10-28", 100, 0, 0, 0)).cost())
                .extracting(Cost::book, Cost::audio).containsExactly("2026-10-01", new BigDecimal("7.000050"));
        assertThat(calculator.price(usage("partner", "2026-11-14", 100, 0, 0, 0)).cost())
                .extracting(Cost::book, Cost::audio).containsExactly("2026-10-01", new BigDecimal("7.000050"));
        assertThat(calculator.price(usage("partner", "2026-11-15", 100, 0, 0, 0)).cost())
                .extracting(Cost::book, Cost::audio).containsExactly("2026-11-15", new BigDecimal("8.000000"));
        assertThat(calculator.price(usage("partner", "2026-11-26", 100, 0, 0, 0)).cost())
                .extracting(Cost::book, Cost::audio).containsExactly("2026-11-15", new BigDecimal("8.000000"));
    }

    @Test
    void roundsTheAccountsExactHalvesToEven() {
        // 7.00005 CNY per 100 min: every odd minute count ends in an exact half at the 7th digit.
        CostCalculator calculator = calculator(List.of(
                account("partner", new AccountPricing("CNY", 100, List.of(PARTNER_OCTOBER)))), LIST_PRICES);

        Cost cost = calculator.price(usage("partner", "2026-11-01", 1, 0, 0, 0)).cost();
        Cost odd = calculator.price(usage("partner", "2026-11-01", 3, 0, 0, 0)).cost();

        assertThat(cost.audio()).hasToString("0.070000");   // 0.0700005: the 6th digit 0 is even, stays (HALF_UP: 0.070001)
        assertThat(odd.audio()).hasToString("0.210002");    // 0.2100015: the 6th digit 1 is odd, goes up
        assertThat(cost.total()).hasToString("0.070000");
    }

    @Test
    void anAccountsOwnBooksTakeTheGlobalCurrencyAndUnitItDoesNotSet() {
        CostCalculator calculator = calculator(List.of(
                account("partner", new AccountPricing(null, null, List.of(book("2026-10-01", "2", "2", "2", "2"))))),
                LIST_PRICES);

        Cost cost = calculator.price(usage("partner", "2026-11-20", 1000, 0, 0, 0)).cost();

        assertThat(cost.currency()).isEqualTo("USD");
        assertThat(cost.audio()).hasToString("2.000000");
        assertThat(cost.book()).isEqualTo("2026-10-01");
    }

    @Test
    void refusesToStartWhenAnAccountsBooksLeaveADayOfTheWindowWithoutAPrice() {
        List<Account> accounts = List.of(account("prod", null),
                account("partner", new AccountPricing("CNY", 100, List.of(PARTNER_NOVEMBER))));

        assertThatThrownBy(() -> calculator(accounts, LIST_PRICES))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("rtc-usage.accounts[1].pricing.books have no book in force on 2026-10-28, the first day the window"
                        + " reaches (the earliest effective-from must be on or before it)");
    }

    @Test
    void refusesTwoBooksOfAnAccountEffectiveFromTheSameDay() {
        List<Account> accounts = List.of(account("partner",
                new AccountPricing("CNY", 100, List.of(PARTNER_OCTOBER, book("2026-10-01", "1", "1", "1", "1")))));

        assertThatThrownBy(() -> calculator(accounts, LIST_PRICES))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("rtc-usage.accounts[0].pricing.books have two books effective from 2026-10-01");
    }

    private static CostCalculator calculator(int unitMinutes, PriceBook... books) {
        return calculator(List.of(), unitMinutes, books);
    }

    private static CostCalculator calculator(List<Account> accounts, PriceBook... books) {
        return calculator(accounts, 1000, books);
    }

    private static CostCalculator calculator(List<Account> accounts, int unitMinutes, PriceBook... books) {
        RtcUsageProperties properties = new RtcUsageProperties(null, null, null, null, false, false,
                new RtcUsageProperties.Window(30), accounts,
                new RtcUsageProperties.Pricing("USD", unitMinutes, List.of(books)), null);
        return new CostCalculator(properties, new WindowPlanner(properties, NOW));
    }

    private static Account account(String name, AccountPricing pricing) {
        return new Account(name, "AKLT" + name, null, null, null, null, null, List.of(name + "-app"), pricing);
    }

    private static Cost cost(String currency, String audio, String v360, String v720, String v1080, String total, String book) {
        return new Cost(currency, new BigDecimal(audio), new BigDecimal(v360), new BigDecimal(v720), new BigDecimal(v1080),
                new BigDecimal(total), book);
    }

    private static PriceBook book(String from, String audio, String p360, String p720, String p1080) {
        return new PriceBook(LocalDate.parse(from), new BigDecimal(audio), new BigDecimal(p360), new BigDecimal(p720),
                new BigDecimal(p1080));
    }

    private static DailyUsage usage(String day, long audio, long v360, long v720, long v1080) {
        return usage("prod", day, audio, v360, v720, v1080);
    }

    private static DailyUsage usage(String account, String day, long audio, long v360, long v720, long v1080) {
        return new DailyUsage(account, "app", LocalDate.parse(day), day + "T00:00:00+08:00",
                new TierMinutes(audio, v360, v720, v1080), "req", NOW.instant());
    }
}
