package com.rtcusage.sandbox;

import com.rtcusage.config.Secret;
import java.util.Objects;
import java.util.Set;

/**
 * An account the sandbox knows: the key pair it verifies signatures with and the apps it owns, so
 * the sandbox can tell an unknown app from somebody else's app. {@code toString()} masks the secret.
 */
public record SandboxAccount(String accessKeyId, Secret secretAccessKey, Set<String> appIds) {

    public SandboxAccount {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("sandbox account accessKeyId must not be blank");
        }
        Objects.requireNonNull(secretAccessKey, "secretAccessKey of sandbox account " + accessKeyId);
        appIds = Set.copyOf(Objects.requireNonNull(appIds, "appIds of sandbox account " + accessKeyId));
    }

    boolean owns(String appId) {
        return appIds.contains(appId);
    }
}
