package com.rtcusage.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The limits the sandbox enforces, mirroring the real API: signature scope (region, service), the
 * per-access-key request rate, how far figures lag behind, and the accounts it accepts.
 */
public record SandboxSettings(
        String region,
        String service,
        int requestsPerSecond,
        Duration dataDelay,
        List<SandboxAccount> accounts) {

    public SandboxSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requestsPerSecond must be at least 1, was " + requestsPerSecond);
        }
        if (dataDelay == null || dataDelay.isNegative()) {
            throw new IllegalArgumentException("dataDelay must be zero or positive, was " + dataDelay);
        }
        accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
        requireUniqueKeysAndApps(accounts);
    }

    /** The real API's limits: cn-north-1 / rtc, 2 requests per second per key, figures 8 hours late. */
    public static SandboxSettings volcengine(List<SandboxAccount> accounts) {
        return new SandboxSettings("cn-north-1", "rtc", 2, Duration.ofHours(8), accounts);
    }

    Optional<SandboxAccount> account(String accessKeyId) {
        return accounts.stream().filter(account -> account.accessKeyId().equals(accessKeyId)).findFirst();
    }

    Optional<SandboxAccount> ownerOf(String appId) {
        return accounts.stream().filter(account -> account.owns(appId)).findFirst();
    }

    private static void requireUniqueKeysAndApps(List<SandboxAccount> accounts) {
        Map<String, String> ownerByApp = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (SandboxAccount account : accounts) {
            if (!keys.add(account.accessKeyId())) {
                throw new IllegalArgumentException("sandbox access key " + account.accessKeyId() + " is configured twice");
            }
            for (String appId : account.appIds()) {
                String previous = ownerByApp.put(appId, account.accessKeyId());
                if (previous != null) {
                    throw new IllegalArgumentException("sandbox AppId " + appId + " belongs to both "
                            + previous + " and " + account.accessKeyId());
                }
            }
        }
    }
}
