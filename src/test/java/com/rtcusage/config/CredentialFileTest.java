package com.rtcusage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A credential file as a Kubernetes Secret volume holds it: read whole, line break dropped, failures named by key. */
class CredentialFileTest {

    private static final String KEY = "rtc-usage.accounts[1].secret-access-key-file";

    @TempDir
    Path folder;

    @Test
    void readsTheValueWithoutItsTrailingNewline() throws IOException {
        Path file = Files.writeString(folder.resolve("secret-access-key"), "s3cr3t/Value+==\n");

        assertThat(new CredentialFile(KEY, file).read().reveal()).isEqualTo("s3cr3t/Value+==");
    }

    @Test
    void readsAWindowsLineEndingAndNoLineEndingAlike() throws IOException {
        Path crlf = Files.writeString(folder.resolve("crlf"), "value\r\n");
        Path bare = Files.writeString(folder.resolve("bare"), "value");

        assertThat(new CredentialFile(KEY, crlf).read()).isEqualTo(new CredentialFile(KEY, bare).read());
    }

    @Test
    void readsTheFileAgainEveryTime() throws IOException {
        Path file = Files.writeString(folder.resolve("secret-access-key"), "before\n");
        CredentialFile credential = new CredentialFile(KEY, file);
        credential.read();

        Files.writeString(file, "after\n");

        assertThat(credential.read().reveal()).isEqualTo("after");
    }

    @Test
    void aMissingFileIsNamedByItsKeyAndPath() {
        Path missing = folder.resolve("not-mounted");

        assertThatThrownBy(() -> new CredentialFile(KEY, missing).read())
                .isInstanceOf(UnreadableCredentialException.class)
                .hasMessage(KEY + " (" + missing + ") cannot be read (NoSuchFileException)")
                .satisfies(failure -> assertThat(((UnreadableCredentialException) failure).key()).isEqualTo(KEY));
    }

    @Test
    void anEmptyOrBlankFileIsRefused() throws IOException {
        Path empty = Files.writeString(folder.resolve("empty"), "");
        Path blank = Files.writeString(folder.resolve("blank"), " \n");

        assertThatThrownBy(() -> new CredentialFile(KEY, empty).read()).hasMessageEndingWith(") is empty");
        assertThatThrownBy(() -> new CredentialFile(KEY, blank).read()).hasMessageEndingWith(") is empty");
    }

    @Test
    void aFolderIsNoCredential() {
        assertThatThrownBy(() -> new CredentialFile(KEY, folder).read())
                .isInstanceOf(UnreadableCredentialException.class).hasMessageStartingWith(KEY + " (" + folder + ") cannot be read");
    }

    @Test
    void aFileFarLargerThanAnyCredentialIsRefusedWithoutQuotingIt() throws IOException {
        Path large = Files.writeString(folder.resolve("large"), "x".repeat(CredentialFile.MAX_BYTES + 1));

        assertThatThrownBy(() -> new CredentialFile(KEY, large).read()).hasMessageEndingWith("is larger than 16 KiB, which no credential is")
                .message().doesNotContain("xxxx");
    }

    @Test
    void bytesThatAreNoUtf8TextAreRefusedWithoutQuotingThem() throws IOException {
        Path binary = Files.write(folder.resolve("binary"), new byte[] {(byte) 0xC3, (byte) 0x28, 's', 'k'});

        assertThatThrownBy(() -> new CredentialFile(KEY, binary).read()).hasMessageEndingWith("is not UTF-8 text");
    }

    @Test
    void theValueNeverShowsInToString() throws IOException {
        Path file = Files.writeString(folder.resolve("token"), "sts-token-value\n", StandardCharsets.UTF_8);

        assertThat(new CredentialFile(KEY, file).read()).hasToString("****");
    }
}
