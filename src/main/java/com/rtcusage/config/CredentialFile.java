package com.rtcusage.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One credential kept in a file, as a Kubernetes Secret volume holds it: the whole file, UTF-8,
 * without the line break (or spaces) around it. {@code key} is the setting that names the file,
 * e.g. {@code rtc-usage.accounts[1].secret-access-key-file}: every failure names it and the path,
 * never what the file holds.
 */
public record CredentialFile(String key, Path path) {

    /** Far above any access key, secret or STS token; a larger file is not a credential. */
    static final int MAX_BYTES = 16 * 1024;

    /** The file's content now; throws {@link UnreadableCredentialException} when it is missing, unreadable or empty. */
    public Secret read() {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            // The exception's class says why (NoSuchFile, AccessDenied, ...); its message only repeats the path.
            throw unreadable("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw unreadable("is larger than " + MAX_BYTES / 1024 + " KiB, which no credential is");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString().strip();
        } catch (CharacterCodingException e) {
            throw unreadable("is not UTF-8 text");
        }
        if (text.isEmpty()) {
            throw unreadable("is empty");
        }
        return new Secret(text);
    }

    private UnreadableCredentialException unreadable(String problem) {
        return new UnreadableCredentialException(key, key + " (" + path + ") " + problem);
    }
}
