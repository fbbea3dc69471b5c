package com.rtcusage.signing;

import com.rtcusage.config.CredentialFile;
import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.config.RtcUsageProperties.Account;
import com.rtcusage.config.Secret;
import com.rtcusage.config.UnreadableCredentialException;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.UsageRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The credentials each account signs with. A credential given as a file (a Kubernetes Secret
 * volume) is read again before every sweep ({@link #refresh()}), and the session token also when
 * the API refused it ({@link #renewSessionToken}), so a rotated key or a fresh STS token is used
 * without a restart. An account whose file cannot be read, or that reads another account's access
 * key id, cannot sweep: its apps fail with {@link UnreadableCredentialException}; other accounts are
 * not affected. The pace needs nothing from here: it belongs to the account's name.
 */
@Component(FlowNames.CREDENTIAL_STORE)
public class CredentialStore {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);

    private final List<Sources> accounts;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    @Autowired
    public CredentialStore(RtcUsageProperties properties) {
        this(properties.accounts());
    }

    /** Reads every account's credentials now: one that cannot sweep is logged at start already. */
    CredentialStore(List<Account> accounts) {
        this.accounts = IntStream.range(0, accounts.size())
                .mapToObj(index -> new Sources("rtc-usage.accounts[" + index + "].", accounts.get(index)))
                .toList();
        refresh();
    }

    /**
     * Reads every account's credential files again; the sweep route calls it before planning. Logs one
     * line per account that cannot sweep, naming the account and the key, never a value.
     */
    public void refresh() {
        Map<String, String> keyOwners = new HashMap<>();
        for (Sources sources : accounts) {
            Held now = sources.read();
            if (now.credentials() != null) {
                String owner = keyOwners.putIfAbsent(now.credentials().accessKeyId(), sources.prefix());
                if (owner != null) {
                    now = new Held(null, new UnreadableCredentialException(sources.accessKeyIdKey(), sources.accessKeyIdKey()
                            + " holds the access key id of " + owner.substring(0, owner.length() - 1)
                            + ", and the API's rate limit is per access key id (list both accounts' apps under one)"));
                }
            }
            if (now.failure() != null) {
                LOG.warn("Account {} cannot sweep: {}. Its apps are dead-lettered as {} until the key is fixed",
                        sources.account().name(), now.failure().getMessage(), UnreadableCredentialException.CODE);
            }
            held.put(sources.account().name(), now);
        }
    }

    /** Fails the request at once, before it waits for its departure, when its account has no usable credentials. */
    public void requireUsable(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) {
        credentials(request.account());
    }

    /** The account's credentials as last read. */
    public Credentials credentials(String account) {
        return held.get(account).usable(account);
    }

    /**
     * The account's credentials with its session token file read again, after the API refused the
     * token (expired); a token given as a value stays as it is. Other requests of the account sign
     * with the renewed token from now on.
     */
    public Credentials renewSessionToken(String account) {
        return held.compute(account, (name, before) -> {
            Sources sources = accounts.stream().filter(candidate -> candidate.account().name().equals(name))
                    .findFirst().orElseThrow();
            if (before.credentials() == null || sources.account().sessionTokenFile() == null) {
                return before;
            }
            try {
                Credentials renewed = new Credentials(before.credentials().accessKeyId(),
                        before.credentials().secretAccessKey(), sources.sessionTokenFile().read());
                return new Held(renewed, null);
            } catch (UnreadableCredentialException unreadable) {
                LOG.warn("Account {} cannot sweep: {}", name, unreadable.getMessage());
                return new Held(null, unreadable);
            }
        }).usable(account);
    }

    /** Where one account's credentials come from; {@code prefix} is {@code rtc-usage.accounts[i].}. */
    private record Sources(String prefix, Account account) {

        Held read() {
            try {
                return new Held(new Credentials(accessKeyId(), secret(account.secretAccessKey(),
                        file("secret-access-key-file", account.secretAccessKeyFile())),
                        secret(account.sessionToken(), sessionTokenFile())), null);
            } catch (UnreadableCredentialException unreadable) {
                return new Held(null, unreadable);
            }
        }

        private String accessKeyId() {
            CredentialFile file = file("access-key-id-file", account.accessKeyIdFile());
            return file == null ? account.accessKeyId() : file.read().reveal();
        }

        String accessKeyIdKey() {
            return prefix + (account.accessKeyIdFile() == null ? "access-key-id" : "access-key-id-file");
        }

        CredentialFile sessionTokenFile() {
            return file("session-token-file", account.sessionTokenFile());
        }

        private CredentialFile file(String key, Path path) {
            return path == null ? null : new CredentialFile(prefix + key, path);
        }

        private static Secret secret(Secret value, CredentialFile file) {
            return file == null ? value : file.read();
        }
    }

    /** What an account signs with now, or why it cannot sign. */
    private record Held(Credentials credentials, UnreadableCredentialException failure) {

        Credentials usable(String account) {
            if (credentials == null) {
                throw failure.forAccount(account);
            }
            return credentials;
        }
    }
}
