package com.rtcusage.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker in a JVM of its own, started from the test classpath (the Kafka server
 * jars spring-kafka-test brings), that a test can stop and start again on the same port and log
 * directory: a broker outage as production sees one. The in-process broker of spring-kafka-test
 * cannot be restarted on its port, hence a process.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Path config;
    private final Path log;
    private final int port;
    private final int saslPort;
    private Process process;

    private KafkaBrokerProcess(Path directory, int port, int saslPort) {
        this.directory = directory;
        this.config = directory.resolve("server.properties");
        this.log = directory.resolve("broker.log");
        this.port = port;
        this.saslPort = saslPort;
        // Should the test JVM end without close(), the broker must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "kafka-broker-process-kill"));
    }

    /** A broker on free loopback ports with formatted, empty storage; not running yet. */
    public static KafkaBrokerProcess create() {
        return create(Map.of());
    }

    /** The same, with broker settings added or replaced (for instance {@code message.max.bytes}). */
    public static KafkaBrokerProcess create(Map<String, String> settings) {
        try {
            Path directory = Files.createTempDirectory("kafka-broker-");
            KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, freePort(), freePort());
            broker.writeConfig(freePort(), settings);
            broker.format();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A broker that authorizes every request (StandardAuthorizer, nothing allowed without an ACL),
     * with a second listener, {@link #saslBrokers()}, where {@code user} logs in with SASL/PLAIN and
     * {@code password}. The plain listener, {@link #brokers()}, stays open to tests as a super user.
     */
    public static KafkaBrokerProcess withAuthorization(String user, String password) {
        return create(Map.of(
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users", "User:ANONYMOUS",
                "allow.everyone.if.no.acl.found", "false",
                "sasl.enabled.mechanisms", "PLAIN",
                "listener.name.sasl.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + user + "=\"" + password + "\";"));
    }

    /** Bootstrap servers, the same across restarts. */
    public String brokers() {
        return "127.0.0.1:" + port;
    }

    /** Bootstrap servers of the SASL_PLAINTEXT listener (used by brokers made {@link #withAuthorization}). */
    public String saslBrokers() {
        return "127.0.0.1:" + saslPort;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker and returns once a client can list its topics. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        process = launch(List.of("kafka.Kafka", config.toString()), ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            await("broker on " + brokers() + " answers").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(this::answers);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Kafka broker did not come up; its log ends with:\n" + logTail(), e);
        }
    }

    /** Stops the broker the way an orchestrator does (SIGTERM, then SIGKILL) and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void writeConfig(int controllerPort, Map<String, String> settings) throws IOException {
        // The SASL listener only where its JAAS configuration is given: without it the broker does not start.
        String sasl = settings.containsKey("sasl.enabled.mechanisms") ? ",SASL://127.0.0.1:" + saslPort : "";
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + sasl + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + sasl,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=2",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // Topics are the service's to create (compacted); a test reading early must not create them.
                "auto.create.topics.enable=false",
                "");
        StringBuilder more = new StringBuilder();
        settings.forEach((key, value) -> more.append(key).append('=').append(value).append('\n'));
        properties = properties + more;
        Files.writeString(config, properties, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("logback.xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="out"/></root>
                  <logger name="kafka.log" level="WARN"/>
                  <logger name="org.apache.kafka.storage" level="WARN"/>
                </configuration>
                """, StandardCharsets.UTF_8);
    }

    private void format() {
        Process formatting = launch(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()), ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            if (!formatting.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                formatting.destroyForcibly();
                throw new IllegalStateException("could not format Kafka storage in " + directory + ":\n" + logTail());
            }
        } catch (InterruptedException e) {
            formatting.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private Process launch(List<String> mainAndArguments, ProcessBuilder.Redirect output) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArguments);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainAndArguments.get(0), e);
        }
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka broker exited with " + process.exitValue());
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000))) {
            admin.listTopics().names().get();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
