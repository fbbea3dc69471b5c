package com.rtcusage.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.Application;
import com.rtcusage.support.SuiteClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pod's view of the service: routes read from the rendered routes ConfigMap laid out as the
 * kubelet mounts it (symbolic links into a "..data" folder), the cluster's application.yaml from
 * k8s/config, and the probes of the rendered Deployment answered on the service's one port.
 * Leader election is off here (LeaderElectionIT covers it), as the Kafka broker and the API
 * are the local ones.
 */
@CamelSpringBootTest
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.additional-location=file:k8s/config/application.yaml",
        "camel.cluster.kubernetes.enabled=false",
        "camel.main.name=rtc-usage-probes",
        "camel.component.kafka.brokers=${spring.embedded.kafka.brokers}",
        "rtc-usage.schedule.run-on-startup=false",
        "rtc-usage.schedule.cron=0 0 0 1 1 ? 2099",
        "rtc-usage.kafka.topic=probes.usage",
        "rtc-usage.kafka.dead-letter-topic=probes.dead",
        "rtc-usage.accounts[0].name=demo-a",
        "rtc-usage.accounts[0].access-key-id=AKLTlocalsandbox0000000000000001",
        "rtc-usage.accounts[0].secret-access-key=local-sandbox-secret-not-a-real-key-1",
        "rtc-usage.accounts[0].app-ids=demo-app-a1"})
@ActiveProfiles("local")
@ContextConfiguration(initializers = SuiteClock.Initializer.class)
@EmbeddedKafka(kraft = true, partitions = 1)
@DirtiesContext
@Tag(SuiteClock.TAG)
class ProbesIT {

    @TempDir
    static Path mount;

    @Autowired
    CamelContext camelContext;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** ROUTES_DIR as in the pod: the rendered ConfigMap, with the kubelet's symbolic links. */
    @DynamicPropertySource
    static void routesFromTheConfigMapMount(DynamicPropertyRegistry registry) throws IOException {
        ConfigMap routes = ManifestsIT.manifests(Path.of("k8s/base")).stream()
                .filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(configMap -> configMap.getMetadata().getName().startsWith("rtc-usage-routes-"))
                .findFirst().orElseThrow();
        Path version = Files.createDirectory(mount.resolve("..2026_01_01_00_00_00.000000001"));
        for (Map.Entry<String, String> file : routes.getData().entrySet()) {
            Files.writeString(version.resolve(file.getKey()), file.getValue());
            Files.createSymbolicLink(mount.resolve(file.getKey()), Path.of("..data", file.getKey()));
        }
        Files.createSymbolicLink(mount.resolve("..data"), version.getFileName());
        registry.add("ROUTES_DIR", mount::toString);
    }

    @Test
    void everyProbeOfTheDeploymentAnswersUpOnTheManagementPort() throws Exception {
        Container container = deploymentContainer();

        for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            HttpResponse<String> response = get(probe.getHttpGet().getPath());
            assertThat(response.statusCode()).as(probe.getHttpGet().getPath()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"status\":\"UP\"");
        }
        assertThat(get("/actuator/health/readiness").body()).contains("\"camelReadinessState\"");
        assertThat(get("/actuator/health/liveness").body()).contains("\"camelLivenessState\"");
        assertThat(get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void infoNamesTheBuildAndTheCommit() throws Exception {
        HttpResponse<String> info = get("/actuator/info");

        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(info.body());
        assertThat(body.at("/build/version").asText()).isEqualTo(new BuildProperties(properties("META-INF/build-info.properties", "build.")).getVersion());
        assertThat(body.at("/build/time").asText()).isNotBlank();
        assertThat(body.at("/git/commit/id").asText()).as("git.commit.id").matches("[0-9a-f]{7,40}");
    }

    private static Properties properties(String resource, String prefix) throws IOException {
        Properties all = new Properties();
        try (InputStream in = ProbesIT.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + ", written by spring-boot-maven-plugin's build-info goal").isNotNull();
            all.load(in);
        }
        Properties stripped = new Properties();
        all.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                .forEach(key -> stripped.setProperty(key.substring(prefix.length()), all.getProperty(key)));
        return stripped;
    }

    @Test
    void readinessFollowsTheCamelRoutesWhileLivenessDoesNot() throws Exception {
        camelContext.getRouteController().stopRoute("sweep");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health/readiness").statusCode() == 503);
            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            camelContext.getRouteController().startRoute("sweep");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    @Test
    void theKafkaProducersCountTowardsReadiness() {
        Collection<HealthCheck.Result> readiness = HealthCheckHelper.invokeReadiness(camelContext, "full");

        assertThat(readiness).filteredOn(result -> result.getCheck().getId().startsWith("producer:kafka"))
                .isNotEmpty()
                .allSatisfy(result -> assertThat(result.getState()).isEqualTo(HealthCheck.State.UP));
    }

    @Test
    void routesComeFromTheMountWithThePlainTriggersWhileLeaderElectionIsOff() throws IOException {
        List<String> routeIds = camelContext.getRoutes().stream().map(Route::getRouteId).toList();

        assertThat(camelContext.resolvePropertyPlaceholders("{{ROUTES_DIR}}")).isEqualTo(mount.toString());
        assertThat(routeIds).contains("sweep", "list-usages", "scheduled-sweep")
                .doesNotContain("scheduled-sweep-on-leader", "startup-sweep-on-leader", "startup-sweep");
    }

    private Container deploymentContainer() {
        List<HasMetadata> manifests = ManifestsIT.manifests(Path.of("k8s/base"));
        return manifests.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
