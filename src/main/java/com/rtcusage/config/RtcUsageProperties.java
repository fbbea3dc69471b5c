package com.rtcusage.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code rtc-usage}: the configuration contract (docs/configuration.md), bound and validated at start-up.
 *
 * @param api where and how to call ListUsages
 * @param rateLimit the API's request limit per account
 * @param retry back-off for answers that may succeed later
 * @param schedule when sweeps run
 * @param oneShot run one sweep, wait for Kafka's acknowledgements and exit with a code that says whether running again may help
 * @param check check the configuration, Kafka and every app once, print a report, publish nothing and exit
 *     (0 = everything passed); wins over one-shot and the schedule
 * @param window how many Beijing days each request asks for
 * @param accounts the Volcengine accounts to sweep, each with its key pair and apps
 * @param pricing the price books records are priced from, unless an account has its own
 * @param kafka the topics records and dead letters go to
 */
@Validated
@ConfigurationProperties("rtc-usage")
public record RtcUsageProperties(
        @Valid @NotNull @DefaultValue Api api,
        @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Schedule schedule,
        @DefaultValue("false") boolean oneShot,
        @DefaultValue("false") boolean check,
        @Valid @NotNull @DefaultValue Window window,
        @Valid @NotEmpty @UniqueAccounts List<Account> accounts,
        @Valid @NotNull @DefaultValue Pricing pricing,
        @Valid @NotNull @DefaultValue Kafka kafka) {

    /** Records' schema requires an ISO 4217 code: three capital letters. */
    static final String CURRENCY = "[A-Z]{3}";
    static final String CURRENCY_MESSAGE = "must be an ISO 4217 currency code of three capital letters, e.g. USD";

    /**
     * Where and how to call ListUsages.
     *
     * @param endpoint https://host[:port] of the Volcengine OpenAPI; plain http:// only to a loopback host
     *     (127.0.0.1, localhost, ::1) or with allow-plain-http, and never with user-info
     * @param region region in the signature scope
     * @param service service in the signature scope
     * @param version ListUsages API version
     * @param connectTimeout time to open a connection to the API
     * @param readTimeout longest silence while waiting for an answer or reading it before it counts as a Timeout (retried)
     * @param answerTimeout longest time from sending a request to the last byte of its answer, however steadily it
     *     trickles in, before it counts as a Timeout (retried)
     * @param allowPlainHttp also send to a plain http:// endpoint that is not loopback (a proxy on a trusted
     *     network); every request then carries its signature and any STS session token in clear
     */
    @ApiEndpoint
    public record Api(
            @NotNull @DefaultValue("https://rtc.volcengineapi.com") URI endpoint,
            @NotBlank @DefaultValue("cn-north-1") String region,
            @NotBlank @DefaultValue("rtc") String service,
            @NotBlank @DefaultValue("2023-11-01") String version,
            @NotNull @DefaultValue("5s") Duration connectTimeout,
            @NotNull @DefaultValue("30s") Duration readTimeout,
            @NotNull @DefaultValue("60s") Duration answerTimeout,
            @DefaultValue("false") boolean allowPlainHttp) {
    }

    /**
     * The API's limit per account, shared by all apps of that account, and the room its departures
     * keep for a network that delays one request more than another on its way to the API.
     *
     * @param requestsPerSecond requests per second of one account (one access key id)
     * @param arrivalMargin of any requestsPerSecond + 1 departures of one account, the last leaves
     *     at least 1 s plus this after the first
     */
    public record RateLimit(
            @Min(1) @DefaultValue("2") int requestsPerSecond,
            @NotNull @DefaultValue("80ms") Duration arrivalMargin) {
    }

    /**
     * Back-off for answers that may succeed later (429, 5xx, timeouts, unreadable answers).
     *
     * @param maxRetries retries of one request before it is dead-lettered
     * @param initialDelay back-off before the first retry
     * @param multiplier each further back-off is this much longer
     * @param maxDelay cap of one back-off
     */
    public record Retry(
            @Min(0) @DefaultValue("4") int maxRetries,
            @NotNull @DefaultValue("1s") Duration initialDelay,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
            @NotNull @DefaultValue("30s") Duration maxDelay) {
    }

    /**
     * When sweeps run.
     *
     * @param cron Quartz cron of the sweeps (seconds first)
     * @param timeZone time zone the cron is read in
     * @param runOnStartup also sweep right after start (or when a replica becomes leader)
     */
    public record Schedule(
            @NotBlank @QuartzCron @DefaultValue("0 20 0/6 * * ?") String cron,
            @NotNull @DefaultValue("Asia/Shanghai") ZoneId timeZone,
            @DefaultValue("true") boolean runOnStartup) {
    }

    /**
     * How many Beijing days each sweep re-queries, ending with today.
     *
     * @param days Beijing days per request (1..30, the API's look-back), ending with today
     */
    public record Window(@Min(1) @Max(30) @DefaultValue("30") int days) {
    }

    /**
     * One Volcengine account: its label, its key pair, its apps. Each credential is given either as
     * a value or as a file ({@link CredentialSources}); files are read again before every sweep
     * ({@code signing.CredentialStore}), so a rotated key needs no restart.
     *
     * @param name label in records and metrics, unique; never the key itself
     * @param accessKeyId access key id, unique across accounts: the API's rate limit belongs to it
     * @param secretAccessKey secret access key; never logged, never in a record
     * @param sessionToken STS session token, when using temporary credentials
     * @param accessKeyIdFile file holding the access key id (a Kubernetes Secret volume), instead of access-key-id
     * @param secretAccessKeyFile file holding the secret access key, instead of secret-access-key
     * @param sessionTokenFile file holding the STS session token, instead of session-token; also read
     *     again when the API answers that the token expired
     * @param appIds RTC AppIds of the account (a list, or comma-separated); each AppId once across all accounts
     * @param pricing this account's own price books; without them its apps are priced from {@code rtc-usage.pricing}
     */
    @CredentialSources
    public record Account(
            @NotBlank String name,
            String accessKeyId,
            Secret secretAccessKey,
            Secret sessionToken,
            Path accessKeyIdFile,
            Path secretAccessKeyFile,
            Path sessionTokenFile,
            @NotEmpty List<@Configured String> appIds,
            @Valid AccountPricing pricing) {
    }

    /**
     * Price books in force from a day on, per {@code unit-minutes} minutes of each tier.
     *
     * @param currency currency of every price and cost
     * @param unitMinutes prices are per this many minutes
     * @param books the book in force on a usage day is the latest one effective on or before it
     */
    public record Pricing(
            @NotBlank @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) @DefaultValue("USD") String currency,
            @Min(1) @DefaultValue("1000") int unitMinutes,
            @Valid @NotEmpty List<PriceBook> books) {
    }

    /**
     * One account's own price books, in place of {@code rtc-usage.pricing} for its apps. Currency and
     * unit-minutes not given here are the global ones, so an account that only has its own prices
     * need not repeat them (and cannot silently fall back to USD).
     *
     * @param currency currency of this account's prices and costs; default: rtc-usage.pricing.currency
     * @param unitMinutes this account's prices are per this many minutes; default: rtc-usage.pricing.unit-minutes
     * @param books the book in force on a usage day is the latest one effective on or before it
     */
    public record AccountPricing(
            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @Min(1) Integer unitMinutes,
            @Valid @NotEmpty List<PriceBook> books) {
    }

    /**
     * Prices of the four tiers, in force from {@code effectiveFrom} until the next book. Write
     * prices with more than 15 significant digits in quotes: YAML would read them as doubles.
     *
     * @param effectiveFrom first Beijing day this book applies to
     * @param audio price of unit-minutes of audio (API tier Audio)
     * @param video360p price of unit-minutes of video up to 360p (API tier VideoSDM)
     * @param video720p price of unit-minutes of video up to 720p (API tier VideoSD)
     * @param video1080p price of unit-minutes of video up to 1080p (API tier VideoHD)
     */
    public record PriceBook(
            @NotNull LocalDate effectiveFrom,
            @NotNull @DecimalMin("0") BigDecimal audio,
            @NotNull @DecimalMin("0") BigDecimal video360p,
            @NotNull @DecimalMin("0") BigDecimal video720p,
            @NotNull @DecimalMin("0") BigDecimal video1080p) {
    }

    /**
     * Topics the pipeline writes.
     *
     * @param topic priced app-day records, keyed {@code <AppId>:<yyyy-MM-dd>}, compacted
     * @param deadLetterTopic what could not be processed, with the reason, keyed {@code <AppId>}
     * @param createTopics create missing topics before the first sweep (the record topic compacted)
     * @param partitions partitions of the topics the service creates; existing topics keep theirs
     * @param replicationFactor replicas of the topics the service creates; 0 means as many as
     *        brokers, at most 3. Their {@code min.insync.replicas} is the factor minus one, at least 1,
     *        so one broker may be away without stopping writes
     * @param oneShotWait one-shot mode only: how long Kafka may stay unreachable (counted from the first
     *        failed attempt) before the run stops and exits 10; service mode waits without end
     */
    public record Kafka(
            @NotBlank @DefaultValue("rtc.usage.daily") String topic,
            @NotBlank @DefaultValue("rtc.usage.dead-letter") String deadLetterTopic,
            @DefaultValue("true") boolean createTopics,
            @Min(1) @DefaultValue("6") int partitions,
            @Min(0) @Max(Short.MAX_VALUE) @DefaultValue("0") int replicationFactor,
            @NotNull @DefaultValue("5m") Duration oneShotWait) {
    }
}
