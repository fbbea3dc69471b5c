package com.rtcusage.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.pricing.CostCalculator;
import com.rtcusage.usage.WindowPlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Every kind of bad configuration stops start-up with one line that names the key. The context
 * here holds the real properties binding, its validation and the cost calculator (which checks
 * the price books against the window), nothing else.
 */
class ConfigurationValidationIT {

    private static final List<String> VALID = List.of(
            "rtc-usage.accounts[0].name=prod",
            "rtc-usage.accounts[0].access-key-id=AKLTexample",
            "rtc-usage.accounts[0].secret-access-key=example-secret",
            "rtc-usage.accounts[0].app-ids=app-1,app-2",
            "rtc-usage.pricing.books[0].effective-from=2020-01-01",
            "rtc-usage.pricing.books[0].audio=0.99",
            "rtc-usage.pricing.books[0].video-360p=1.99",
            "rtc-usage.pricing.books[0].video-720p=3.99",
            "rtc-usage.pricing.books[0].video-1080p=8.99");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    static List<Arguments> badSettings() {
        return List.of(
                Arguments.of("rtc-usage.accounts[0].app-ids=", "rtc-usage.accounts[0].app-ids must not be empty"),
                Arguments.of("rtc-usage.window.days=31", "rtc-usage.window.days must be less than or equal to 30"),
                Arguments.of("rtc-usage.window.days=0", "rtc-usage.window.days must be greater than or equal to 1"),
                Arguments.of("rtc-usage.accounts[0].access-key-id=${VOLC_ACCESS_KEY_ID}",
                        "rtc-usage.accounts[0].access-key-id must be set (is its environment variable defined?), or access-key-id-file"),
                Arguments.of("rtc-usage.accounts[0].secret-access-key=",
                        "rtc-usage.accounts[0].secret-access-key must be set (is its environment variable defined?), or secret-access-key-file"),
                Arguments.of("rtc-usage.accounts[0].secret-access-key-file=/var/run/secrets/volc/secret-access-key",
                        "rtc-usage.accounts[0].secret-access-key-file and secret-access-key are both set: give the credential one way"),
                Arguments.of("rtc-usage.accounts[0].access-key-id-file=/var/run/secrets/volc/access-key-id",
                        "rtc-usage.accounts[0].access-key-id-file and access-key-id are both set: give the credential one way"),
                Arguments.of("rtc-usage.schedule.cron=0 20 0/6 * *",
                        "rtc-usage.schedule.cron must be a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), e.g. \"0 20 0/6 * * ?\""),
                Arguments.of("rtc-usage.pricing.books[0].video-720p=-0.01",
                        "rtc-usage.pricing.books[0].video-720p must be greater than or equal to 0"),
                Arguments.of("rtc-usage.pricing.books[0].effective-from=2026-11-01",
                        "rtc-usage.pricing.books have no book in force on 2026-10-28, the first day the window reaches (the earliest effective-from must be on or before it)"),
                Arguments.of("rtc-usage.api.endpoint=rtc.volcengineapi.com",
                        "rtc-usage.api.endpoint must be an http(s) URL like https://rtc.volcengineapi.com"),
                Arguments.of("rtc-usage.api.endpoint=http://rtc.volcengineapi.com", PLAIN_HTTP_REFUSED),
                Arguments.of("rtc-usage.api.endpoint=http://localhost.example.com", PLAIN_HTTP_REFUSED));
    }

    private static final String PLAIN_HTTP_REFUSED = "rtc-usage.api.endpoint must be https:// (plain http:// only to"
            + " 127.0.0.1, localhost or ::1, or with rtc-usage.api.allow-plain-http=true): every request carries its"
            + " signature and any STS session token";

    private static final String USER_INFO_REFUSED = "rtc-usage.api.endpoint must not carry user-info"
            + " (user:password@): the API authenticates by signature, and the URL would show the password wherever it is logged";

    /** User-info is refused wherever the endpoint points and whatever allows plain HTTP; its password is never shown. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsWithUserInfo")
    void refusesUserInfoInTheEndpointWithoutShowingIt(String endpoint, boolean allowPlainHttp) {
        List<String> properties = new ArrayList<>(VALID);
        properties.add("rtc-usage.api.endpoint=" + endpoint);
        properties.add("rtc-usage.api.allow-plain-http=" + allowPlainHttp);

        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo(USER_INFO_REFUSED);
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cr3t");
        });
    }

    static List<Arguments> endpointsWithUserInfo() {
        return List.of(
                Arguments.of("https://operator:s3cr3t@rtc.volcengineapi.com", false),
                Arguments.of("http://operator:s3cr3t@127.0.0.1:8080", false),
                Arguments.of("http://operator:s3cr3t@proxy.internal:8080", true),
                // a password no URL can hold as written: Spring's binding escapes it, the check still sees user-info
                Arguments.of("https://operator:s3cr3t%zz@rtc.volcengineapi.com", false));
    }

    /** Loopback (the local sandbox, test servers) may be plain HTTP; anything else only where a key allows it. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("plainHttpAllowed")
    void startsWithPlainHttpWhereItCannotLeak(String endpoint, String allowPlainHttp) {
        List<String> properties = new ArrayList<>(VALID);
        properties.add("rtc-usage.api.endpoint=" + endpoint);
        properties.add(allowPlainHttp);

        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RtcUsageProperties.class).api().endpoint()).hasToString(endpoint);
        });
    }

    static List<Arguments> plainHttpAllowed() {
        return List.of(
                Arguments.of("http://127.0.0.1:18080", "rtc-usage.api.allow-plain-http=false"),
                Arguments.of("http://localhost:18080", "rtc-usage.api.allow-plain-http=false"),
                Arguments.of("http://[::1]:18080", "rtc-usage.api.allow-plain-http=false"),
                Arguments.of("http://proxy.internal:8080", "rtc-usage.api.allow-plain-http=true"),
                Arguments.of("https://rtc.volcengineapi.com", "rtc-usage.api.allow-plain-http=false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void stopsStartUpNamingTheKey(String setting, String expectedLine) {
        List<String> properties = new ArrayList<>(VALID);
        properties.add(setting);

        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo(expectedLine);
        });
    }

    @Test
    void refusesTwoAccountsWithTheSameName() {
        List<String> properties = new ArrayList<>(VALID);
        properties.addAll(List.of("rtc-usage.accounts[1].name=prod", "rtc-usage.accounts[1].access-key-id=AKLTother",
                "rtc-usage.accounts[1].secret-access-key=other-secret", "rtc-usage.accounts[1].app-ids=app-3"));

        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .isEqualTo("rtc-usage.accounts[1].name must be unique across accounts");
        });
    }

    @Test
    void refusesTwoAccountsWithTheSameAccessKeyId() {
        assertFailsWith("rtc-usage.accounts[1].access-key-id must be unique across accounts: accounts[0] has the same one,"
                        + " and the API's rate limit is per access key id (list both accounts' apps under one)",
                "rtc-usage.accounts[1].name=staging", "rtc-usage.accounts[1].access-key-id=AKLTexample",
                "rtc-usage.accounts[1].secret-access-key=other-secret", "rtc-usage.accounts[1].app-ids=app-3");
    }

    @Test
    void refusesAnAppIdListedTwiceInOneAccount() {
        assertFailsWith("rtc-usage.accounts[0].app-ids must not list an AppId twice: app-1 is already at rtc-usage.accounts[0].app-ids[0]",
                "rtc-usage.accounts[0].app-ids=app-1,app-2,app-1");
    }

    @Test
    void refusesAnAppIdListedInTwoAccounts() {
        assertFailsWith("rtc-usage.accounts[1].app-ids must not list an AppId twice: app-2 is already at rtc-usage.accounts[0].app-ids[1]",
                "rtc-usage.accounts[1].name=staging", "rtc-usage.accounts[1].access-key-id=AKLTother",
                "rtc-usage.accounts[1].secret-access-key=other-secret", "rtc-usage.accounts[1].app-ids=app-3,app-2");
    }

    @Test
    void refusesAKeyThatDoesNotExist() {
        assertFailsWith("rtc-usage.rate-limit.request-per-second is not a known key (a typo? every key is in docs/configuration.md)",
                "rtc-usage.rate-limit.request-per-second=5");
    }

    @Test
    void refusesAPriceTheYamlParserWouldRound() {
        withYaml("""
                        rtc-usage:
                          pricing:
                            books:
                              - effective-from: 2020-01-01
                                audio: 0.12345678901234567   # more than a double keeps
                                video-360p: 1.99
                                video-720p: 3.99
                                video-1080p: 8.99
                        """)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                            .isEqualTo("rtc-usage.pricing.books[0].audio has 17 significant digits, more than a YAML number keeps"
                                    + " exactly (15): quote it, e.g. \"0.12345678901234567\"");
                });
    }

    @Test
    void readsAQuotedPriceExactly() {
        withYaml("""
                        rtc-usage:
                          pricing:
                            books:
                              - effective-from: 2020-01-01
                                audio: "0.12345678901234567"
                                video-360p: 0.123456789012345
                                video-720p: 3.99
                                video-1080p: 8.99
                        """)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RtcUsageProperties.PriceBook book = context.getBean(RtcUsageProperties.class).pricing().books().get(0);
                    assertThat(book.audio()).isEqualByComparingTo("0.12345678901234567");
                    assertThat(book.video360p()).isEqualByComparingTo("0.123456789012345");
                });
    }

    // --- an account's own price books: validated like the global ones, its keys named ---

    /** A second account with books of its own: CNY per 100 minutes, from 2020-01-01. */
    private static final List<String> PARTNER = List.of(
            "rtc-usage.accounts[1].name=partner",
            "rtc-usage.accounts[1].access-key-id=AKLTpartner",
            "rtc-usage.accounts[1].secret-access-key=partner-secret",
            "rtc-usage.accounts[1].app-ids=app-3",
            "rtc-usage.accounts[1].pricing.currency=CNY",
            "rtc-usage.accounts[1].pricing.unit-minutes=100",
            "rtc-usage.accounts[1].pricing.books[0].effective-from=2020-01-01",
            "rtc-usage.accounts[1].pricing.books[0].audio=7.00005",
            "rtc-usage.accounts[1].pricing.books[0].video-360p=0.5",
            "rtc-usage.accounts[1].pricing.books[0].video-720p=1",
            "rtc-usage.accounts[1].pricing.books[0].video-1080p=2");

    static List<Arguments> badAccountPricing() {
        return List.of(
                Arguments.of("rtc-usage.accounts[1].pricing.books[0].effective-from=2026-11-01",
                        "rtc-usage.accounts[1].pricing.books have no book in force on 2026-10-28, the first day the window reaches"
                                + " (the earliest effective-from must be on or before it)"),
                Arguments.of("rtc-usage.accounts[1].pricing.books[0].video-720p=-0.01",
                        "rtc-usage.accounts[1].pricing.books[0].video-720p must be greater than or equal to 0"),
                Arguments.of("rtc-usage.accounts[1].pricing.unit-minutes=0",
                        "rtc-usage.accounts[1].pricing.unit-minutes must be greater than or equal to 1"),
                Arguments.of("rtc-usage.accounts[1].pricing.currency=yuan",
                        "rtc-usage.accounts[1].pricing.currency must be an ISO 4217 currency code of three capital letters, e.g. USD"),
                Arguments.of("rtc-usage.accounts[1].pricing.unit-minute=60",
                        "rtc-usage.accounts[1].pricing.unit-minute is not a known key (a typo? every key is in docs/configuration.md)"),
                Arguments.of("rtc-usage.accounts[1].pricing.books[0].vidoe-720p=1",
                        "rtc-usage.accounts[1].pricing.books[0].vidoe-720p is not a known key (a typo? every key is in docs/configuration.md)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAccountPricing")
    void stopsStartUpNamingTheAccountsPricingKey(String setting, String expectedLine) {
        List<String> settings = new ArrayList<>(PARTNER);
        settings.add(setting);
        assertFailsWith(expectedLine, settings.toArray(String[]::new));
    }

    @Test
    void refusesAnAccountsPricingWithoutBooks() {
        assertFailsWith("rtc-usage.accounts[1].pricing.books must not be empty",
                PARTNER.stream().filter(setting -> !setting.contains(".books[")).toArray(String[]::new));
    }

    @Test
    void refusesTwoBooksOfAnAccountFromTheSameDay() {
        List<String> settings = new ArrayList<>(PARTNER);
        settings.addAll(List.of("rtc-usage.accounts[1].pricing.books[1].effective-from=2020-01-01",
                "rtc-usage.accounts[1].pricing.books[1].audio=1", "rtc-usage.accounts[1].pricing.books[1].video-360p=1",
                "rtc-usage.accounts[1].pricing.books[1].video-720p=1", "rtc-usage.accounts[1].pricing.books[1].video-1080p=1"));
        assertFailsWith("rtc-usage.accounts[1].pricing.books have two books effective from 2020-01-01", settings.toArray(String[]::new));
    }

    /** As written in a YAML file: a plain number, or in exponent form, with more digits than a double keeps. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("accountPricesTheYamlParserWouldRound")
    void refusesAnAccountsPriceTheYamlParserWouldRound(String audio, String expectedLine) {
        withYaml(ACCOUNTS_YAML.formatted(audio)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure()).getDescription()).isEqualTo(expectedLine);
        });
    }

    static List<Arguments> accountPricesTheYamlParserWouldRound() {
        return List.of(
                Arguments.of("0.12345678901234567", "rtc-usage.accounts[1].pricing.books[0].audio has 17 significant digits,"
                        + " more than a YAML number keeps exactly (15): quote it, e.g. \"0.12345678901234567\""),
                Arguments.of("1.2345678901234567e-1", "rtc-usage.accounts[1].pricing.books[0].audio has 17 significant digits,"
                        + " more than a YAML number keeps exactly (15): quote it, e.g. \"1.2345678901234567e-1\""));
    }

    @Test
    void bindsAnAccountsOwnBooksExactlyAsWritten() {
        withYaml(ACCOUNTS_YAML.formatted("\"0.12345678901234567\"")).run(context -> {
            assertThat(context).hasNotFailed();
            RtcUsageProperties.AccountPricing pricing = context.getBean(RtcUsageProperties.class).accounts().get(1).pricing();
            assertThat(pricing.currency()).isEqualTo("CNY");
            assertThat(pricing.unitMinutes()).isEqualTo(100);
            assertThat(pricing.books().get(0).audio()).isEqualByComparingTo("0.12345678901234567");
            assertThat(pricing.books().get(0).video360p()).isEqualByComparingTo("7.00005");
            assertThat(context.getBean(RtcUsageProperties.class).accounts().get(0).pricing()).isNull();
        });
    }

    /** Two accounts as an operator's file has them (the list replaces the one of lower precedence as a whole). */
    private static final String ACCOUNTS_YAML = """
            rtc-usage:
              accounts:
                - name: prod
                  access-key-id: AKLTexample
                  secret-access-key: example-secret
                  app-ids: [app-1, app-2]
                - name: partner
                  access-key-id: AKLTpartner
                  secret-access-key: partner-secret
                  app-ids: [app-3]
                  pricing:
                    currency: CNY
                    unit-minutes: 100
                    books:
                      - effective-from: 2020-01-01
                        audio: %s
                        video-360p: 7.00005
                        video-720p: 1
                        video-1080p: 2
            """;

    private void assertFailsWith(String expectedLine, String... settings) {
        List<String> properties = new ArrayList<>(VALID);
        properties.addAll(List.of(settings));
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .isEqualTo(expectedLine);
        });
    }

    /** The valid settings, overridden by a YAML file as operators write one (numbers stay numbers). */
    private ApplicationContextRunner withYaml(String text) {
        PropertySource<?> yaml;
        try {
            yaml = new YamlPropertySourceLoader().load("test.yaml", new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8))).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runner.withPropertyValues(VALID.toArray(String[]::new))
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(yaml));
    }

    @Test
    void neverEchoesTheSecretOfABrokenAccount() {
        List<String> properties = new ArrayList<>(VALID);
        properties.add("rtc-usage.accounts[0].app-ids=");

        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("example-secret");
        });
    }

    @Test
    void startsWithAValidConfiguration() {
        runner.withPropertyValues(VALID.toArray(String[]::new)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RtcUsageProperties.class).accounts().get(0).secretAccessKey()).hasToString("****");
        });
    }

    @Test
    void startsWithCredentialFilesNotMountedYet() {
        // A Secret volume may appear or be fixed after start: a missing file fails its account's sweeps, not start-up.
        List<String> properties = new ArrayList<>(VALID);
        properties.addAll(List.of("rtc-usage.accounts[1].name=mounted",
                "rtc-usage.accounts[1].access-key-id-file=/var/run/secrets/volc/no-such-access-key-id",
                "rtc-usage.accounts[1].secret-access-key-file=/var/run/secrets/volc/no-such-secret-access-key",
                "rtc-usage.accounts[1].session-token-file=/var/run/secrets/volc/no-such-session-token",
                "rtc-usage.accounts[1].app-ids=app-3"));

        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasNotFailed();
            RtcUsageProperties.Account mounted = context.getBean(RtcUsageProperties.class).accounts().get(1);
            assertThat(mounted.secretAccessKeyFile()).isEqualTo(java.nio.file.Path.of("/var/run/secrets/volc/no-such-secret-access-key"));
            assertThat(mounted.sessionTokenFile()).isEqualTo(java.nio.file.Path.of("/var/run/secrets/volc/no-such-session-token"));
            assertThat(mounted.secretAccessKey()).isNull();
        });
    }

    @Test
    void refusesASessionTokenGivenTwice() {
        assertFailsWith("rtc-usage.accounts[0].session-token-file and session-token are both set: give the credential one way",
                "rtc-usage.accounts[0].session-token=sts-token", "rtc-usage.accounts[0].session-token-file=/var/run/secrets/volc/session-token");
    }

    /** The real binding and checks, with the clock at 2026-11-26 11:00 in Beijing. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RtcUsageProperties.class)
    @Import({SecretConverter.class, CostCalculator.class, WindowPlanner.class, PriceLiterals.class, UnknownKeys.class})
    static class Settings {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
        }
    }
}
