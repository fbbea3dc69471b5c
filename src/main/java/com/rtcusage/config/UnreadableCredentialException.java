package com.rtcusage.config;

/**
 * A credential of one account cannot be had: its file is missing, unreadable or empty, or it names
 * an access key id another account uses. The message names the setting ({@link #key()}) and the
 * account, never a credential's value. Fails that account's apps only, each with a dead letter.
 */
public class UnreadableCredentialException extends RuntimeException {

    /** The dead letters' errorCode of every app whose account has no usable credentials. */
    public static final String CODE = "CredentialsUnreadable";

    private final String key;

    public UnreadableCredentialException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The setting at fault, e.g. {@code rtc-usage.accounts[1].secret-access-key-file}. */
    public String key() {
        return key;
    }

    /** The same failure, as it concerns {@code account}. */
    public UnreadableCredentialException forAccount(String account) {
        return new UnreadableCredentialException(key, "Credentials of account " + account + " are unusable: " + getMessage());
    }
}
