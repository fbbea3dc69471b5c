package com.rtcusage.sandbox;

import com.rtcusage.config.Secret;
import com.rtcusage.signing.Credentials;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Two accounts and a fixed "now" shared by the sandbox tests. */
final class SandboxFixture {

    /** 2026-11-20 03:00 in Beijing: cutoff (now − 8 h) is 2026-11-19 19:00 Beijing. */
    static final Instant NOW = Instant.parse("2026-11-19T19:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final SandboxAccount ACCOUNT_A = new SandboxAccount("AKLTsandboxA", new Secret("secretOfA-0123456789"),
            Set.of("app-a1", "app-a2"));
    static final SandboxAccount ACCOUNT_B = new SandboxAccount("AKLTsandboxB", new Secret("secretOfB-9876543210"),
            Set.of("app-b1"));
    static final Credentials KEY_A = new Credentials(ACCOUNT_A.accessKeyId(), ACCOUNT_A.secretAccessKey());
    static final Credentials KEY_B = new Credentials(ACCOUNT_B.accessKeyId(), ACCOUNT_B.secretAccessKey());

    private SandboxFixture() {
    }

    static SandboxSettings settings() {
        return SandboxSettings.volcengine(List.of(ACCOUNT_A, ACCOUNT_B));
    }

    static String body(String appId, String start, String end) {
        return "{\"AppId\":\"" + appId + "\",\"StartTime\":\"" + start + "\",\"EndTime\":\"" + end + "\"}";
    }
}
