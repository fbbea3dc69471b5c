package com.rtcusage.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code rtc-usage}: the configuration contract (README), bound and validated at start-up. */
@Validated
@ConfigurationProperties("rtc-usage")
public record RtcUsageProperties(
        @Valid @NotNull @DefaultValue Api api,
        @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Schedule schedule,
        @DefaultValue("false") boolean oneShot,
        @Valid @NotNull @DefaultValue Window window,
        @Valid @NotEmpty @UniqueAccounts List<Account> accounts,
        @Valid @NotNull @DefaultValue Pricing pricing,
        @Valid @NotNull @DefaultValue Kafka kafka) {

    /** Where and how to call ListUsages. */
    public record Api(
            @NotNull @HttpUrl @DefaultValue("https://rtc.volcengineapi.com") URI endpoint,
            @NotBlank @DefaultValue("cn-north-1") String region,
            @NotBlank @DefaultValue("rtc") String service,
            @NotBlank @DefaultValue("2023-11-01") String version,
            @NotNull @DefaultValue("5s") Duration connectTimeout,
            @NotNull @DefaultValue("30s") Duration readTimeout) {
    }

    /**
     * The API's limit per account, shared by all apps of that account, and how much more the
     * network may delay one request than another on its way to the API (departures keep that room).
     */
    public record RateLimit(
            @Min(1) @DefaultValue("2") int requestsPerSecond,
            @NotNull @DefaultValue("80ms") Duration arrivalMargin) {
    }

    /** Back-off for answers that may succeed later (429, 5xx, timeouts, unreadable answers). */
    public record Retry(
            @Min(0) @DefaultValue("4") int maxRetries,
            @NotNull @DefaultValue("1s") Duration initialDelay,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
            @NotNull @DefaultValue("30s") Duration maxDelay) {
    }

    /** When sweeps run. */
    public record Schedule(
            @NotBlank @QuartzCron @DefaultValue("0 20 0/6 * * ?") String cron,
            @NotNull @DefaultValue("Asia/Shanghai") ZoneId timeZone,
            @DefaultValue("true") boolean runOnStartup) {
    }

    /** How many Beijing days each sweep re-queries, ending with today. */
    public record Window(@Min(1) @Max(30) @DefaultValue("30") int days) {
    }

    /** One Volcengine account: its label, its key pair, its apps. */
    public record Account(
            @NotBlank String name,
            @Configured String accessKeyId,
            @Configured Secret secretAccessKey,
            Secret sessionToken,
            @NotEmpty List<@Configured String> appIds) {
    }

    /** Price books in force from a day on, per {@code unit-minutes} minutes of each tier. */
    public record Pricing(
            @NotBlank @DefaultValue("USD") String currency,
            @Min(1) @DefaultValue("1000") int unitMinutes,
            @Valid @NotEmpty List<PriceBook> books) {
    }

    /** Prices of the four tiers, in force from {@code effectiveFrom} until the next book. */
    public record PriceBook(
            @NotNull LocalDate effectiveFrom,
            @NotNull @DecimalMin("0") BigDecimal audio,
            @NotNull @DecimalMin("0") BigDecimal video360p,
            @NotNull @DecimalMin("0") BigDecimal video720p,
            @NotNull @DecimalMin("0") BigDecimal video1080p) {
    }

    /** Topics the pipeline writes. */
    public record Kafka(
            @NotBlank @DefaultValue("rtc.usage.daily") String topic,
            @NotBlank @DefaultValue("rtc.usage.dead-letter") String deadLetterTopic,
            @DefaultValue("true") boolean createTopics) {
    }
}
