package com.rtcusage.signing;

import static com.rtcusage.support.RateLimitAssertions.assertAtMostTwoPerSecondPerAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.config.Secret;
import com.rtcusage.support.Json;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.RecordSchemas;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Credentials given as files, as a Kubernetes Secret volume holds them, against the sandbox (which
 * verifies every signature and session token) and a real broker: a rotated secret is used from the
 * next sweep on, an STS token that expires mid-sweep is read again and the refused apps retried,
 * and an unreadable file fails only its own account. No restart anywhere.
 */
@PipelineTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=credentials.usage", "rtc-usage.kafka.dead-letter-topic=credentials.dead",
        "rtc-usage.window.days=2",
        "rtc-usage.accounts[0].name=good",
        "rtc-usage.accounts[0].access-key-id=" + RotatingCredentialsIT.GOOD_KEY,
        "rtc-usage.accounts[0].secret-access-key=" + RotatingCredentialsIT.GOOD_SECRET,
        "rtc-usage.accounts[0].app-ids=good-1,good-2",
        "rtc-usage.accounts[1].name=rotating",
        "rtc-usage.accounts[1].access-key-id=" + RotatingCredentialsIT.ROTATING_KEY,
        "rtc-usage.accounts[1].secret-access-key-file=" + RotatingCredentialsIT.VOLUME + "/rotating-secret-access-key",
        "rtc-usage.accounts[1].app-ids=rotating-1,rotating-2",
        "rtc-usage.accounts[2].name=sts",
        "rtc-usage.accounts[2].access-key-id=" + RotatingCredentialsIT.STS_KEY,
        "rtc-usage.accounts[2].secret-access-key=" + RotatingCredentialsIT.STS_SECRET,
        "rtc-usage.accounts[2].session-token-file=" + RotatingCredentialsIT.VOLUME + "/sts-session-token",
        "rtc-usage.accounts[2].app-ids=sts-1,sts-2,sts-3,sts-4,sts-5,sts-6,sts-7,sts-8",
        "rtc-usage.accounts[3].name=broken",
        "rtc-usage.accounts[3].access-key-id=" + RotatingCredentialsIT.BROKEN_KEY,
        "rtc-usage.accounts[3].secret-access-key-file=" + RotatingCredentialsIT.VOLUME + "/broken-secret-access-key",
        "rtc-usage.accounts[3].app-ids=broken-1,broken-2",
        // Volcengine knows every account; what it accepts for "rotating" and "sts" the tests change.
        "sandbox.accounts[0].access-key-id=" + RotatingCredentialsIT.GOOD_KEY,
        "sandbox.accounts[0].secret-access-key=" + RotatingCredentialsIT.GOOD_SECRET,
        "sandbox.accounts[0].app-ids=good-1,good-2",
        "sandbox.accounts[1].access-key-id=" + RotatingCredentialsIT.ROTATING_KEY,
        "sandbox.accounts[1].secret-access-key=" + RotatingCredentialsIT.FIRST_ROTATING_SECRET,
        "sandbox.accounts[1].app-ids=rotating-1,rotating-2",
        "sandbox.accounts[2].access-key-id=" + RotatingCredentialsIT.STS_KEY,
        "sandbox.accounts[2].secret-access-key=" + RotatingCredentialsIT.STS_SECRET,
        "sandbox.accounts[2].app-ids=sts-1,sts-2,sts-3,sts-4,sts-5,sts-6,sts-7,sts-8",
        "sandbox.accounts[3].access-key-id=" + RotatingCredentialsIT.BROKEN_KEY,
        "sandbox.accounts[3].secret-access-key=" + RotatingCredentialsIT.BROKEN_SECRET,
        "sandbox.accounts[3].app-ids=broken-1,broken-2"})
class RotatingCredentialsIT {

    static final String GOOD_KEY = "AKLTcredentialsgood0000000000001";
    static final String GOOD_SECRET = "good-secret-that-never-shows";
    static final String ROTATING_KEY = "AKLTcredentialsrotating000000001";
    static final String FIRST_ROTATING_SECRET = "rotating-secret-first";
    static final String STS_KEY = "AKTPcredentialssts00000000000001";
    static final String STS_SECRET = "sts-secret-that-never-shows";
    static final String BROKEN_KEY = "AKLTcredentialsbroken00000000001";
    static final String BROKEN_SECRET = "broken-secret-nobody-can-read";

    /** The Secret volume: one file per credential, as the kubelet writes them (the list of accounts binds from one source only). */
    static final String VOLUME = "target/rotating-credentials-it";
    private static final Path ROTATING_SECRET_FILE = volume().resolve("rotating-secret-access-key");
    private static final Path STS_TOKEN_FILE = volume().resolve("sts-session-token");
    private static final Path BROKEN_SECRET_FILE = volume().resolve("broken-secret-access-key");   // never written

    static {
        write(ROTATING_SECRET_FILE, FIRST_ROTATING_SECRET);
        write(STS_TOKEN_FILE, "no-token-issued-yet");
    }

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    Clock clock;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    /** The STS account holds a valid token, as it would after its last renewal; the sandbox starts calm. */
    @BeforeEach
    void validSessionToken() {
        write(STS_TOKEN_FILE, sandbox.issueSessionToken(STS_KEY, clock.instant().plus(Duration.ofHours(1))));
        sandbox.faults(SandboxFaults.none());
        sandbox.clearRequests();
    }

    @Test
    void aSecretRotatedBetweenSweepsIsUsedFromTheNextSweepOn() {
        String before = "rotating-secret-" + System.nanoTime();
        write(ROTATING_SECRET_FILE, before);
        sandbox.rotateSecret(ROTATING_KEY, new Secret(before));
        sweep();
        assertThat(statusesOf(ROTATING_KEY)).as("the file's secret signs").containsOnly(200).hasSize(2);

        // Rotated in the console: Volcengine refuses the old secret from now on, and the file still holds it.
        String after = "rotating-secret-" + System.nanoTime();
        sandbox.rotateSecret(ROTATING_KEY, new Secret(after));
        sandbox.clearRequests();
        sweep();
        assertThat(errorCodesOf(ROTATING_KEY)).as("the old secret is refused").containsOnly("SignatureDoesNotMatch").hasSize(2);

        // The kubelet updates the Secret volume: the next sweep reads the new secret, without a restart.
        write(ROTATING_SECRET_FILE, after + "\n");
        sandbox.clearRequests();
        sweep();
        assertThat(statusesOf(ROTATING_KEY)).as("the new secret signs").containsOnly(200).hasSize(2);
        assertAtMostTwoPerSecondPerAccount(sandbox.requests());
    }

    @Test
    void anStsTokenThatExpiresMidSweepIsReadAgainAndTheAppRetried() throws Exception {
        String expiring = Files.readString(STS_TOKEN_FILE);
        int deadLettersBefore = deadLettersOf("sts").size();

        CompletableFuture<SweepSummary> sweep = producer.asyncRequestBody("direct:sweep", null, SweepSummary.class);
        // Once the first app has its figures, the STS renewal writes a fresh token and the old one expires.
        await().atMost(Duration.ofSeconds(30)).until(() -> statusesOf(STS_KEY).contains(200));
        write(STS_TOKEN_FILE, sandbox.issueSessionToken(STS_KEY, clock.instant().plus(Duration.ofHours(1))));
        sandbox.expireSessionToken(expiring);
        SweepSummary summary = sweep.get(60, TimeUnit.SECONDS);

        List<RecordedRequest> sts = requestsOf(STS_KEY);
        assertThat(sts).as("some apps asked with the expired token").anyMatch(request -> "InvalidSecretToken".equals(request.errorCode()));
        Map<String, List<RecordedRequest>> byApp = sts.stream().collect(Collectors.groupingBy(RecordedRequest::appId));
        assertThat(byApp).hasSize(8);
        byApp.forEach((app, requests) -> assertThat(requests.get(requests.size() - 1).status())
                .as("the last answer to %s", app).isEqualTo(200));
        assertThat(summary.appsFailed()).as(summary.line()).isEqualTo(2);   // the broken account's, nothing of sts
        assertThat(deadLettersOf("sts")).hasSize(deadLettersBefore);
        List<String> published = TopicReader.readAll(brokers, "credentials.usage").stream().map(ConsumerRecord::key).toList();
        IntStream.rangeClosed(1, 8).forEach(app -> assertThat(published).anyMatch(key -> key.startsWith("sts-" + app + ":")));
        assertAtMostTwoPerSecondPerAccount(sandbox.requests());
    }

    @Test
    void anUnreadableSecretFileFailsOnlyItsAccount(CapturedOutput output) throws Exception {
        int deadLettersBefore = deadLettersOf("broken").size();

        SweepSummary summary = sweep();

        assertThat(requestsOf(BROKEN_KEY)).as("nothing is sent without a secret").isEmpty();
        List<JsonNode> letters = deadLettersOf("broken");
        assertThat(letters).hasSize(deadLettersBefore + 2);
        for (JsonNode letter : letters.subList(deadLettersBefore, letters.size())) {
            assertThat(letter.get("errorCode").asText()).isEqualTo("CredentialsUnreadable");
            assertThat(letter.get("errorMessage").asText()).startsWith("Credentials of account broken are unusable: "
                    + "rtc-usage.accounts[3].secret-access-key-file (" + BROKEN_SECRET_FILE + ") cannot be read");
            assertThat(letter.get("httpStatus").isNull()).isTrue();
        }
        assertThat(summary.appsFailed()).as(summary.line()).isEqualTo(2);
        assertThat(statusesOf(GOOD_KEY)).containsOnly(200).hasSize(2);
        List<String> published = TopicReader.readAll(brokers, "credentials.usage").stream().map(ConsumerRecord::key).toList();
        assertThat(published).anyMatch(key -> key.startsWith("good-1:")).anyMatch(key -> key.startsWith("good-2:"));
        assertThat(output.getAll())
                .contains("Account broken cannot sweep: rtc-usage.accounts[3].secret-access-key-file")
                .doesNotContain(BROKEN_SECRET, GOOD_SECRET, STS_SECRET, Files.readString(STS_TOKEN_FILE));
    }

    private SweepSummary sweep() {
        return producer.requestBody("direct:sweep", null, SweepSummary.class);
    }

    private List<RecordedRequest> requestsOf(String accessKeyId) {
        return sandbox.requests().stream().filter(request -> accessKeyId.equals(request.accessKeyId())).toList();
    }

    private List<Integer> statusesOf(String accessKeyId) {
        return requestsOf(accessKeyId).stream().map(RecordedRequest::status).toList();
    }

    private List<String> errorCodesOf(String accessKeyId) {
        return requestsOf(accessKeyId).stream().map(RecordedRequest::errorCode).toList();
    }

    private List<JsonNode> deadLettersOf(String account) {
        return TopicReader.readAll(brokers, "credentials.dead").stream()
                .peek(record -> RecordSchemas.assertValid(RecordSchemas.DEAD_LETTER, record.value()))
                .map(record -> Json.parse(record.value()))
                .filter(letter -> account.equals(letter.get("account").asText()))
                .toList();
    }

    private static Path volume() {
        try {
            Path volume = Files.createDirectories(Path.of(VOLUME));
            Files.deleteIfExists(volume.resolve("broken-secret-access-key"));
            return volume;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the file at once, as the kubelet swaps a Secret volume's files: a reader never sees half of it. */
    private static void write(Path file, String content) {
        try {
            Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), content);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
