package com.rtcusage.sandbox;

import com.rtcusage.config.CredentialFile;
import com.rtcusage.config.Secret;
import com.rtcusage.config.UnreadableCredentialException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Profile {@code local} only: starts the ListUsages sandbox on a random loopback port before
 * anything reads {@code rtc-usage.api.endpoint}, publishes the port as {@code local.sandbox.port},
 * and registers the sandbox as bean {@code usageSandbox}. The sandbox knows the configured
 * accounts' keys, as Volcengine would, and keeps the application's time. Without the profile it
 * does nothing.
 */
public class LocalSandboxInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The profile that turns the sandbox on. */
    public static final String PROFILE = "local";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        // registered both by spring.factories and by LocalApplication when both are on the class path
        if (!environment.acceptsProfiles(Profiles.of(PROFILE)) || context.getBeanFactory().containsSingleton("usageSandbox")) {
            return;
        }
        Binder binder = Binder.get(environment);
        UsageSandbox sandbox = configured(binder, new ApplicationClock(context.getBeanFactory()));
        sandbox.start(binder.bind("sandbox.port", Integer.class).orElse(0));
        environment.getPropertySources().addFirst(
                new MapPropertySource("usageSandbox", Map.of("local.sandbox.port", sandbox.endpoint().getPort())));
        context.getBeanFactory().registerSingleton("usageSandbox", sandbox);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                sandbox.close();
            }
        });
    }

    /**
     * A sandbox, not yet started, as the {@code sandbox.*} and {@code rtc-usage.*} settings describe it:
     * the accounts' keys, the API's limits, answer shapes and network delays.
     */
    static UsageSandbox configured(Binder binder, Clock clock) {
        // sandbox.accounts lets a test give the sandbox other keys than the service has (a wrong secret).
        List<SandboxAccount> accounts = new ArrayList<>();
        Map<String, Secret> sessionTokens = new LinkedHashMap<>();
        for (AccountKeys keys : binder.bind("sandbox.accounts", Bindable.listOf(AccountKeys.class))
                .orElseGet(() -> binder.bind("rtc-usage.accounts", Bindable.listOf(AccountKeys.class)).orElse(List.of()))) {
            try {
                SandboxAccount account = new SandboxAccount(keys.read(keys.accessKeyId(), keys.accessKeyIdFile()).reveal(),
                        keys.read(keys.secretAccessKey(), keys.secretAccessKeyFile()), Set.copyOf(keys.appIds()));
                accounts.add(account);
                if (keys.sessionToken() != null || keys.sessionTokenFile() != null) {
                    sessionTokens.put(account.accessKeyId(), keys.read(keys.sessionToken(), keys.sessionTokenFile()));
                }
            } catch (UnreadableCredentialException unreadable) {
                // Volcengine would not know a key nobody can read; the service's sweep reports the file.
            }
        }
        SandboxSettings api = SandboxSettings.volcengine(List.of());   // the real API's limits, as defaults
        SandboxSettings settings = new SandboxSettings(
                binder.bind("rtc-usage.api.region", String.class).orElse(api.region()),
                binder.bind("rtc-usage.api.service", String.class).orElse(api.service()),
                binder.bind("sandbox.requests-per-second", Integer.class).orElse(api.requestsPerSecond()),
                binder.bind("sandbox.data-delay", Duration.class).orElse(api.dataDelay()),
                accounts);

        UsageSandbox sandbox = new UsageSandbox(settings, clock);
        // a configured session token is one the sandbox issued, without expiry (tests issue expiring ones)
        sessionTokens.forEach((accessKeyId, token) -> sandbox.acceptSessionToken(accessKeyId, token.reveal(), Instant.MAX));
        // sandbox.latency holds every answer back, as a distant API would (benchmarks); sandbox.ingress-jitter
        // delays each request by a random 0..max before it reaches the rate limiter, as an uneven network would.
        sandbox.faults(SandboxFaults.none()
                .withLatency(binder.bind("sandbox.latency", Duration.class).orElse(Duration.ZERO))
                .withIngressJitter(binder.bind("sandbox.ingress-jitter", Duration.class).orElse(Duration.ZERO)));
        sandbox.answers(answerShape(binder));
        return sandbox;
    }

    /** sandbox.answers.*: the answer shapes of {@link AnswerShape}, defaulting to {@link AnswerShape#volcengine()}. */
    static AnswerShape answerShape(Binder binder) {
        AnswerShape shape = AnswerShape.volcengine();
        String prefix = "sandbox.answers.";
        return shape
                .withCurrentDayLeftOut(binder.bind(prefix + "current-day-left-out", Boolean.class).orElse(shape.currentDayLeftOut()))
                .withIdleDaysLeftOut(binder.bind(prefix + "idle-days-left-out", Boolean.class).orElse(shape.idleDaysLeftOut()))
                .withDayRepeated(binder.bind(prefix + "day-repeated", Boolean.class).orElse(shape.dayRepeated()))
                .withNewestFirst(binder.bind(prefix + "newest-first", Boolean.class).orElse(shape.newestFirst()))
                .withUnknownFields(binder.bind(prefix + "unknown-fields", Boolean.class).orElse(shape.unknownFields()))
                .withVersion(binder.bind(prefix + "version", String.class).orElse(shape.version()))
                .withTimeStampOffset(binder.bind(prefix + "time-stamp-offset", java.time.ZoneOffset.class)
                        .orElse(shape.timeStampOffset()));
    }

    /** The part of an account the sandbox needs; each credential as a value or a file, as the service takes it. */
    record AccountKeys(String accessKeyId, String secretAccessKey, String sessionToken, Path accessKeyIdFile,
            Path secretAccessKeyFile, Path sessionTokenFile, List<String> appIds) {

        Secret read(String value, Path file) {
            return file == null ? new Secret(value) : new CredentialFile("sandbox key file", file).read();
        }
    }
}
