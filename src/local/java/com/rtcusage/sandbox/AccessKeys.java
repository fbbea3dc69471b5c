package com.rtcusage.sandbox;

import com.rtcusage.config.Secret;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets the sandbox verifies signatures with, which a test may rotate, and the STS-like
 * session tokens it issued, each for one access key and until its expiry. A key that was given a
 * token is temporary, as STS credentials are: its requests must carry a valid one in a signed
 * {@code X-Security-Token} header, else they are refused with {@code InvalidSecretToken}, the code
 * Volcengine's gateway answers for a wrong or expired STS token. Errors never quote a secret or token.
 */
final class AccessKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Set<String> temporary = ConcurrentHashMap.newKeySet();

    private record Token(String accessKeyId, Instant expiresAt) {
    }

    AccessKeys(List<SandboxAccount> accounts) {
        accounts.forEach(account -> secrets.put(account.accessKeyId(), account.secretAccessKey()));
    }

    /** The secret {@code accessKeyId} signs with now. */
    Secret secretOf(String accessKeyId) {
        return secrets.get(accessKeyId);
    }

    /** From now on only {@code secret} is accepted for {@code accessKeyId}; the previous one is refused. */
    void rotate(String accessKeyId, Secret secret) {
        if (secrets.replace(accessKeyId, Objects.requireNonNull(secret, "secret")) == null) {
            throw new IllegalArgumentException("the sandbox knows no access key " + accessKeyId);
        }
    }

    /** A new session token for {@code accessKeyId}, valid until {@code expiresAt}; the key now needs one. */
    String issue(String accessKeyId, Instant expiresAt) {
        if (!secrets.containsKey(accessKeyId)) {
            throw new IllegalArgumentException("the sandbox knows no access key " + accessKeyId);
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String token = "STS2sandbox" + HexFormat.of().formatHex(random);
        accept(accessKeyId, token, expiresAt);
        return token;
    }

    /** Accepts {@code token} for {@code accessKeyId} until {@code expiresAt}; the key now needs one. */
    void accept(String accessKeyId, String token, Instant expiresAt) {
        tokens.put(token, new Token(accessKeyId, expiresAt));
        temporary.add(accessKeyId);
    }

    /** Ends {@code token} at {@code at}, as a real STS token ends at its expiry. */
    void expire(String token, Instant at) {
        tokens.computeIfPresent(token, (value, before) -> new Token(before.accessKeyId(), at));
    }

    /** Refuses a request whose session token is missing (for a temporary key), unsigned, unknown, another key's or expired. */
    void requireSessionToken(String accessKeyId, String token, List<String> signedHeaders, Instant now) {
        if (token == null) {
            if (temporary.contains(accessKeyId)) {
                throw invalid("access key [" + accessKeyId + "] is temporary and needs its X-Security-Token.");
            }
            return;
        }
        if (!signedHeaders.contains("x-security-token")) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.because("SignedHeaders " + signedHeaders + " leave out [x-security-token].");
        }
        Token known = tokens.get(token.trim());
        if (known == null || !known.accessKeyId().equals(accessKeyId)) {
            throw invalid("the token was not issued to access key [" + accessKeyId + "].");
        }
        if (!now.isBefore(known.expiresAt())) {
            throw invalid("the token expired at " + known.expiresAt() + ".");
        }
    }

    private static ApiException invalid(String why) {
        return ApiError.INVALID_SECRET_TOKEN.because("Invalid secret token, msg: " + why);
    }
}
