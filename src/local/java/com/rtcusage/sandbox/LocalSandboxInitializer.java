package com.rtcusage.sandbox;

import com.rtcusage.config.Secret;
import java.time.Clock;
import java.time.Duration;
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
        List<AccountKeys> accounts = binder.bind("sandbox.accounts", Bindable.listOf(AccountKeys.class))
                .orElseGet(() -> binder.bind("rtc-usage.accounts", Bindable.listOf(AccountKeys.class)).orElse(List.of()));
        SandboxSettings api = SandboxSettings.volcengine(List.of());   // the real API's limits, as defaults
        SandboxSettings settings = new SandboxSettings(
                binder.bind("rtc-usage.api.region", String.class).orElse(api.region()),
                binder.bind("rtc-usage.api.service", String.class).orElse(api.service()),
                binder.bind("sandbox.requests-per-second", Integer.class).orElse(api.requestsPerSecond()),
                binder.bind("sandbox.data-delay", Duration.class).orElse(api.dataDelay()),
                accounts.stream()
                        .map(account -> new SandboxAccount(account.accessKeyId(), new Secret(account.secretAccessKey()),
                                Set.copyOf(account.appIds())))
                        .toList());

        UsageSandbox sandbox = new UsageSandbox(settings, clock);
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

    /** The part of an account the sandbox needs. */
    record AccountKeys(String accessKeyId, String secretAccessKey, List<String> appIds) {
    }
}
