package com.rtcusage.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rtcusage.config.RtcUsageProperties.Account;
import com.rtcusage.config.Secret;
import com.rtcusage.config.UnreadableCredentialException;
import com.rtcusage.usage.UsageRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which credentials each account signs with, as its files change between sweeps and after a refused token. */
class CredentialStoreTest {

    @TempDir
    Path folder;

    @Test
    void valuesAreUsedAsGiven() {
        CredentialStore store = new CredentialStore(List.of(inline("prod", "AKLTprod", "prod-secret")));

        assertThat(store.credentials("prod"))
                .isEqualTo(new Credentials("AKLTprod", new Secret("prod-secret"), null));
    }

    @Test
    void aRotatedFileIsUsedFromTheNextRefreshOn() throws IOException {
        Path secret = Files.writeString(folder.resolve("secret-access-key"), "old-secret\n");
        CredentialStore store = new CredentialStore(List.of(
                new Account("prod", "AKLTprod", null, null, null, secret, null, List.of("app"), null)));

        Files.writeString(secret, "new-secret\n");
        assertThat(store.credentials("prod").secretAccessKey().reveal()).as("until the next sweep").isEqualTo("old-secret");
        store.refresh();

        assertThat(store.credentials("prod").secretAccessKey().reveal()).isEqualTo("new-secret");
    }

    @Test
    void theAccessKeyIdMayComeFromAFileToo() throws IOException {
        Path id = Files.writeString(folder.resolve("access-key-id"), "AKLTfromfile\n");
        CredentialStore store = new CredentialStore(List.of(
                new Account("prod", null, new Secret("s"), null, id, null, null, List.of("app"), null)));

        assertThat(store.credentials("prod").accessKeyId()).isEqualTo("AKLTfromfile");
    }

    @Test
    void anUnreadableFileFailsOnlyItsAccountNamingTheKey() throws IOException {
        Path empty = Files.writeString(folder.resolve("secret-access-key"), "\n");
        CredentialStore store = new CredentialStore(List.of(inline("good", "AKLTgood", "good-secret"),
                new Account("broken", "AKLTbroken", null, null, null, empty, null, List.of("app"), null)));

        assertThat(store.credentials("good").accessKeyId()).isEqualTo("AKLTgood");
        assertThatThrownBy(() -> store.requireUsable(new UsageRequest("broken", "app")))
                .isInstanceOf(UnreadableCredentialException.class)
                .hasMessage("Credentials of account broken are unusable: rtc-usage.accounts[1].secret-access-key-file ("
                        + empty + ") is empty");

        Files.writeString(empty, "fixed-secret\n");
        store.refresh();
        assertThat(store.credentials("broken").secretAccessKey().reveal()).isEqualTo("fixed-secret");
    }

    @Test
    void aFileThatReadsAnotherAccountsKeyIdFailsTheLaterAccount() throws IOException {
        Path id = Files.writeString(folder.resolve("access-key-id"), "AKLTshared\n");
        CredentialStore store = new CredentialStore(List.of(inline("first", "AKLTshared", "s1"),
                new Account("second", null, new Secret("s2"), null, id, null, null, List.of("app-2"), null)));

        assertThat(store.credentials("first").accessKeyId()).isEqualTo("AKLTshared");
        assertThatThrownBy(() -> store.credentials("second")).isInstanceOf(UnreadableCredentialException.class)
                .hasMessageContaining("rtc-usage.accounts[1].access-key-id-file holds the access key id of rtc-usage.accounts[0]");
    }

    @Test
    void aRefusedSessionTokenIsReadAgainAtOnce() throws IOException {
        Path token = Files.writeString(folder.resolve("session-token"), "token-1\n");
        CredentialStore store = new CredentialStore(List.of(
                new Account("sts", "AKTPsts", new Secret("s"), null, null, null, token, List.of("app"), null)));
        Files.writeString(token, "token-2\n");

        assertThat(store.renewSessionToken("sts").sessionToken().reveal()).isEqualTo("token-2");
        assertThat(store.credentials("sts").sessionToken().reveal()).as("kept for the account's other requests").isEqualTo("token-2");
    }

    @Test
    void aSessionTokenGivenAsValueStaysAsItIs() {
        CredentialStore store = new CredentialStore(List.of(
                new Account("sts", "AKTPsts", new Secret("s"), new Secret("token-value"), null, null, null, List.of("app"), null)));

        assertThat(store.renewSessionToken("sts").sessionToken().reveal()).isEqualTo("token-value");
    }

    @Test
    void credentialsShowTheirKeyIdOnly() {
        CredentialStore store = new CredentialStore(List.of(
                new Account("sts", "AKTPsts", new Secret("the-secret"), new Secret("the-token"), null, null, null, List.of("app"), null)));

        assertThat(store.credentials("sts").toString()).contains("AKTPsts").doesNotContain("the-secret", "the-token");
    }

    private static Account inline(String name, String accessKeyId, String secret) {
        return new Account(name, accessKeyId, new Secret(secret), null, null, null, null, List.of(name + "-app"), null);
    }
}
