package com.rtcusage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.rtcusage.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Settings that would make the sandbox ambiguous are refused up front, naming the culprit. */
class SandboxSettingsTest {

    @Test
    void defaultsToTheRealApisLimits() {
        SandboxSettings settings = SandboxSettings.volcengine(List.of());

        assertThat(settings.region()).isEqualTo("cn-north-1");
        assertThat(settings.service()).isEqualTo("rtc");
        assertThat(settings.requestsPerSecond()).isEqualTo(2);
        assertThat(settings.dataDelay()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void refusesAnAppOwnedByTwoAccounts() {
        SandboxAccount a = new SandboxAccount("AK1", new Secret("s1"), Set.of("shared-app"));
        SandboxAccount b = new SandboxAccount("AK2", new Secret("s2"), Set.of("shared-app"));

        assertThatIllegalArgumentException().isThrownBy(() -> SandboxSettings.volcengine(List.of(a, b)))
                .withMessageContaining("shared-app");
    }

    @Test
    void refusesAKeyConfiguredTwice() {
        SandboxAccount a = new SandboxAccount("AK1", new Secret("s1"), Set.of("app-1"));
        SandboxAccount b = new SandboxAccount("AK1", new Secret("s2"), Set.of("app-2"));

        assertThatIllegalArgumentException().isThrownBy(() -> SandboxSettings.volcengine(List.of(a, b)))
                .withMessageContaining("AK1");
    }

    @Test
    void refusesNegativeFaults() {
        assertThatIllegalArgumentException().isThrownBy(() -> SandboxFaults.none().withFailEveryNth(-1))
                .withMessageContaining("failEveryNth");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SandboxFaults.none().withIngressJitter(Duration.ofMillis(-1)))
                .withMessageContaining("ingressJitter");
    }

    @Test
    void neverShowsASecret() {
        SandboxAccount account = new SandboxAccount("AK1", new Secret("hush-hush"), Set.of("app-1"));

        assertThat(SandboxSettings.volcengine(List.of(account)).toString()).contains("AK1").doesNotContain("hush-hush");
    }
}
