package com.rtcusage.signing;

import com.rtcusage.config.Secret;

/**
 * What the signer needs of an account: the access key id, its secret and, for STS credentials,
 * the session token. {@code toString()} shows the key id only.
 */
public record Credentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken) {

    public Credentials(String accessKeyId, Secret secretAccessKey) {
        this(accessKeyId, secretAccessKey, null);
    }
}
