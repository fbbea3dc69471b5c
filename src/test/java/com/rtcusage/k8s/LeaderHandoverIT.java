package com.rtcusage.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.Application;
import com.rtcusage.publish.RecordWriter;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.KubernetesMockClients;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.RunningClock;
import com.rtcusage.support.TopicReader;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Issue 14, leadership: the Lease moves to the other pod in the middle of a sweep. The old leader
 * sends no further request once it knows (the one in flight is answered and published), the new
 * one reads the published state back and sweeps at once, and the sandboxes' logs show one pod's
 * requests at a time. The Lease then moves back: the first pod, which read the topic back long
 * before, reads it again, so nothing the other pod published is published twice. Both pods run on
 * one clock from 11:00 in Beijing, so every day of the window has figures whatever the hour.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@EmbeddedKafka(kraft = true, partitions = 1)
class LeaderHandoverIT {

    private static final String NAMESPACE = KubernetesMockClients.NAMESPACE;
    private static final String LEASE = KubernetesMockClients.LEASE;
    private static final long LEASE_MILLIS = 3000;
    // Enough apps that pod a is still sweeping (about 10 s at 2 requests a second) when pod b has started, however slowly.
    private static final int APPS = 20;
    private static final String KEY_ID = "AKLThandovertest0000000000000001";
    private static final String SECRET = "handover-test-secret";

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final RunningClock clock = new RunningClock(FixedTime.START);

    @BeforeAll
    static void kubernetesClientsTalkToTheMockServer() {
        KubernetesMockClients.talkTo(client);
    }

    @AfterAll
    static void forgetTheMockServer() {
        KubernetesMockClients.forget();
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void theLeaseMovesMidSweepAndBackWithOnePodAskingAtATimeAndNothingPublishedTwice(EmbeddedKafkaBroker broker) {
        ConfigurableApplicationContext a = start("rtc-usage-pipeline-a", broker);
        await("pod a leads").atMost(Duration.ofSeconds(30)).until(() -> "rtc-usage-pipeline-a".equals(holder()));
        ConfigurableApplicationContext b = start("rtc-usage-pipeline-b", broker);
        UsageSandbox askedByA = a.getBean(UsageSandbox.class);
        UsageSandbox askedByB = b.getBean(UsageSandbox.class);
        await("pod a is three requests into its sweep").atMost(Duration.ofSeconds(60)).until(() -> askedByA.requests().size() >= 3);

        handOver("rtc-usage-pipeline-b");
        await("pod b sweeps as the new leader").atMost(Duration.ofSeconds(30)).until(() -> askedByB.requests().size() >= APPS);

        int sentByA = askedByA.requests().size();
        assertThat(sentByA).as("pod a stopped its sweep at its next request").isLessThan(APPS);
        assertThat(last(askedByA)).as("pod a's last request came before pod b's first").isLessThan(first(askedByB));

        handOver("rtc-usage-pipeline-a");
        await("pod a sweeps again as leader").atMost(Duration.ofSeconds(30)).until(() -> askedByA.requests().size() >= sentByA + APPS);
        assertThat(last(askedByB)).as("pod b's last request came before pod a's next").isLessThan(askedByA.requests().get(sentByA).receivedNanos());

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(broker.getBrokersAsString(), "handover.usage");
        Map<String, List<String>> contentIdsByKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(record -> new String(record.headers().lastHeader(RecordWriter.CE_ID).value(),
                        StandardCharsets.UTF_8), Collectors.toList())));
        assertThat(contentIdsByKey).as("every app-day").hasSize(APPS * 3);
        assertThat(contentIdsByKey).allSatisfy((key, ids) -> assertThat(ids).as("content ids of " + key).doesNotHaveDuplicates());
    }

    /**
     * What an expired Lease taken by the other pod looks like to both: a new holder, renewed just now.
     * The leader renews the Lease meanwhile; an edit that meets a newer version (409) reads it again.
     */
    private static void handOver(String pod) {
        await("the Lease handed to " + pod).atMost(Duration.ofSeconds(10))
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException conflict && conflict.getCode() == 409)
                .until(() -> {
                    client.leases().inNamespace(NAMESPACE).withName(LEASE).edit(lease -> new LeaseBuilder(lease).editSpec()
                            .withHolderIdentity(pod).withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now())
                            .endSpec().build());
                    return true;
                });
    }

    private static long first(UsageSandbox sandbox) {
        return sandbox.requests().stream().mapToLong(RecordedRequest::receivedNanos).min().orElseThrow();
    }

    private static long last(UsageSandbox sandbox) {
        return sandbox.requests().stream().mapToLong(RecordedRequest::receivedNanos).max().orElseThrow();
    }

    private static String holder() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** One instance of the service as one pod of the Deployment runs it; slow answers stretch its sweep. */
    private ConfigurableApplicationContext start(String pod, EmbeddedKafkaBroker broker) {
        Pod running = new PodBuilder()
                .withNewMetadata().withName(pod).withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/name", "rtc-usage-pipeline")
                .addToLabels("app.kubernetes.io/component", "service")
                .endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus()
                .build();
        client.pods().inNamespace(NAMESPACE).resource(running).create();
        client.pods().inNamespace(NAMESPACE).resource(running).updateStatus();
        String apps = IntStream.rangeClosed(1, APPS).mapToObj(n -> "app-" + n).collect(Collectors.joining(","));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .profiles("local")
                .initializers(LocalService.runningOn(clock))
                .run("--spring.config.additional-location=file:" + ClusterConfig.CLUSTER_CONFIG,
                        "--camel.main.routes-include-pattern=file:routes/*.camel.yaml",
                        "--camel.main.name=" + pod,
                        "--camel.main.shutdown-timeout=10",
                        "--camel.cluster.kubernetes.pod-name=" + pod,
                        "--camel.cluster.kubernetes.lease-duration-millis=" + LEASE_MILLIS,
                        "--camel.cluster.kubernetes.renew-deadline-millis=2000",
                        "--camel.cluster.kubernetes.retry-period-millis=300",
                        "--camel.component.kafka.brokers=" + broker.getBrokersAsString(),
                        "--rtc-usage.kafka.topic=handover.usage",
                        "--rtc-usage.kafka.dead-letter-topic=handover.dead",
                        "--rtc-usage.window.days=3",
                        "--rtc-usage.schedule.cron=0 0 0 1 1 ? 2099",
                        "--rtc-usage.schedule.run-on-startup=true",
                        "--rtc-usage.accounts[0].name=handover",
                        "--rtc-usage.accounts[0].access-key-id=" + KEY_ID,
                        "--rtc-usage.accounts[0].secret-access-key=" + SECRET,
                        "--rtc-usage.accounts[0].app-ids=" + apps,
                        "--sandbox.accounts[0].access-key-id=" + KEY_ID,
                        "--sandbox.accounts[0].secret-access-key=" + SECRET,
                        "--sandbox.accounts[0].app-ids=" + apps,
                        "--sandbox.latency=1s",
                        "--server.port=0",
                        "--management.server.port=0");
        instances.add(context);
        return context;
    }
}
