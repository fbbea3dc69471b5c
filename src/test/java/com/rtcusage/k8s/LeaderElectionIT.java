package com.rtcusage.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.Application;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.KubernetesMockClients;
import com.rtcusage.support.SuiteClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * High availability as deployed by k8s/base, against a Kubernetes API (fabric8's mock server in
 * CRUD mode): two instances of the service with the cluster's own leader-election settings
 * (k8s/config/application.yaml), each with its own ListUsages sandbox. Only the holder of the
 * Lease calls the API; when it stops, the other one takes the Lease over within the lease time
 * and sweeps, at once and then on the cron.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@EmbeddedKafka(kraft = true, partitions = 1)
@Tag(SuiteClock.TAG)
class LeaderElectionIT {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElectionIT.class);
    private static final String NAMESPACE = KubernetesMockClients.NAMESPACE;
    private static final String LEASE = KubernetesMockClients.LEASE;
    private static final long LEASE_MILLIS = 3000;
    private static final long RETRY_MILLIS = 500;
    private static final double JITTER = 1.2;
    private static final int APPS = 2;

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final List<Instance> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Camel builds its Kubernetes client from the environment, as in a pod: point that at the mock. */
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
        instances.forEach(Instance::stop);
    }

    @Test
    void onlyTheLeaseHolderSweepsAndTheOtherTakesOverWhenItStops() throws Exception {
        start("rtc-usage-pipeline-a");
        start("rtc-usage-pipeline-b");

        // one leader: it holds the Lease and sweeps at once and on the cron; the other never calls the API
        await("a leader that swept at start-up and twice on the cron").atMost(Duration.ofSeconds(60))
                .until(() -> holder() != null && instance(holder()).requests() >= 3 * APPS);
        Instance leader = instance(holder());
        Instance follower = instances.stream().filter(instance -> instance != leader).findFirst().orElseThrow();
        assertThat(follower.requests()).isZero();
        assertThat(readiness(follower)).as("a follower is ready, so it counts as a member that may lead").isEqualTo(200);
        assertThat(readiness(leader)).isEqualTo(200);

        // the leader stops (rolling update, node loss) and its pod goes away
        leader.stop();
        client.pods().inNamespace(NAMESPACE).withName(leader.pod()).delete();
        long stopped = System.nanoTime();

        // the follower notices within a retry period and takes the Lease, waits one lease duration so
        // the old leader has surely stopped, then sweeps at once (the bound adds time for the sweep's
        // first request: reading back the topic, signing, the call)
        long retry = (long) (RETRY_MILLIS * JITTER);
        await("the follower takes the Lease").atMost(Duration.ofMillis(2 * retry + 2000)).until(() -> follower.pod().equals(holder()));
        Duration bound = Duration.ofMillis(LEASE_MILLIS + 2 * retry + 6000);
        await("the follower sweeps as the new leader").atMost(bound).until(() -> follower.requests() >= APPS);
        LOG.info("Take-over with a first sweep after {} ms (bound {} ms)", (System.nanoTime() - stopped) / 1_000_000, bound.toMillis());
        assertThat(holder()).isEqualTo(follower.pod());

        // and keeps sweeping on the cron
        int afterTakeover = follower.requests();
        await("the next scheduled sweep on the new leader").atMost(Duration.ofSeconds(15))
                .until(() -> follower.requests() >= afterTakeover + APPS);
    }

    @Test
    void theMockServerSpeaksTheKubernetesClientVersionCamelBrings() throws IOException {
        assertThat(mavenVersion("kubernetes-server-mock")).isEqualTo(mavenVersion("kubernetes-client"));
    }

    private static String mavenVersion(String artifact) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LeaderElectionIT.class.getResourceAsStream("/META-INF/maven/io.fabric8/" + artifact + "/pom.properties")) {
            assertThat(in).as(artifact + " on the test class path").isNotNull();
            properties.load(in);
        }
        return properties.getProperty("version");
    }

    /** One instance of the service as one pod of the Deployment runs it, named like its pod. */
    private void start(String pod) {
        Pod running = new PodBuilder()
                .withNewMetadata().withName(pod).withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/name", "rtc-usage-pipeline")
                .addToLabels("app.kubernetes.io/component", "service")
                .endMetadata()
                .withNewSpec().addNewContainer().withName("rtc-usage-pipeline").withImage("rtc-usage-pipeline").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus()
                .build();
        client.pods().inNamespace(NAMESPACE).resource(running).create();
        client.pods().inNamespace(NAMESPACE).resource(running).updateStatus();

        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .profiles("local")
                .initializers(new SuiteClock.Initializer())
                .run("--spring.config.additional-location=file:" + ClusterConfig.CLUSTER_CONFIG,
                        "--camel.main.routes-include-pattern=file:routes/*.camel.yaml",
                        "--camel.main.name=" + pod,
                        "--camel.main.shutdown-timeout=10",
                        "--camel.cluster.kubernetes.pod-name=" + pod,
                        "--camel.cluster.kubernetes.lease-duration-millis=" + LEASE_MILLIS,
                        "--camel.cluster.kubernetes.renew-deadline-millis=2000",
                        "--camel.cluster.kubernetes.retry-period-millis=" + RETRY_MILLIS,
                        "--camel.cluster.kubernetes.jitter-factor=" + JITTER,
                        "--camel.component.kafka.brokers=${spring.embedded.kafka.brokers}",
                        "--rtc-usage.kafka.topic=ha.usage",
                        "--rtc-usage.kafka.dead-letter-topic=ha.dead",
                        "--rtc-usage.schedule.cron=0/3 * * * * ?",
                        "--rtc-usage.schedule.run-on-startup=true",
                        "--rtc-usage.accounts[0].name=demo-a",
                        "--rtc-usage.accounts[0].access-key-id=AKLTlocalsandbox0000000000000001",
                        "--rtc-usage.accounts[0].secret-access-key=local-sandbox-secret-not-a-real-key-1",
                        "--rtc-usage.accounts[0].app-ids=demo-app-a1,demo-app-a2",
                        "--server.port=0");
        instances.add(new Instance(pod, context));
    }

    private Instance instance(String pod) {
        return instances.stream().filter(instance -> instance.pod().equals(pod)).findFirst()
                .orElseThrow(() -> new AssertionError("the Lease is held by " + pod + ", which is no instance of this test"));
    }

    private static String holder() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private int readiness(Instance instance) throws IOException, InterruptedException {
        String port = instance.context().getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A running instance and the pod it stands for. */
    private record Instance(String pod, ConfigurableApplicationContext context) {

        /** ListUsages requests this instance's sandbox received, i.e. calls this instance made to the API. */
        int requests() {
            return context.getBean(UsageSandbox.class).requests().size();
        }

        void stop() {
            context.close();
        }
    }
}
