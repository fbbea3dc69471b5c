package com.rtcusage.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.sweep.LeaderOnlyTriggers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests under k8s/ as Kubernetes would receive them: every kustomization rendered by
 * {@code kubectl kustomize}, every manifest parsed strictly, and held against what the application really needs: the route files, the
 * management port and probe paths, the shutdown timeouts, the Lease of leader election.
 */
class ManifestsIT {

    private static final Path BASE = Path.of("k8s/base");
    private static final Path CRONJOB = Path.of("k8s/overlays/cronjob");
    private static final Path EXAMPLE = Path.of("k8s/overlays/example");
    private static final Path STRIMZI = Path.of("k8s/components/strimzi");
    private static final List<String> APP_LABELS = List.of("name", "instance", "component", "part-of", "version", "managed-by").stream()
            .map(label -> "app.kubernetes.io/" + label).toList();
    private static final Path EXAMPLE_SECRET = Path.of("k8s/config/secret.example.yaml");

    private final ClusterConfig config = new ClusterConfig();

    /** The base and every overlay: each is a way to deploy, so each must render. */
    static Stream<Path> kustomizations() throws IOException {
        try (Stream<Path> overlays = Files.list(Path.of("k8s/overlays"))) {
            List<Path> overlayFolders = overlays.filter(folder -> Files.exists(folder.resolve("kustomization.yaml"))).sorted().toList();
            assertThat(overlayFolders).contains(CRONJOB, EXAMPLE);
            return Stream.concat(Stream.of(BASE), overlayFolders.stream());
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersIntoManifestsThatParseStrictly(Path folder) throws IOException {
        List<HasMetadata> manifests = manifests(folder);

        assertThat(manifests).isNotEmpty();
        assertThat(manifests).extracting(ManifestsIT::id).doesNotHaveDuplicates();
        String namespace = (String) Kustomize.parseAll(Files.readString(folder.resolve("kustomization.yaml"))).get(0).get("namespace");
        assertThat(namespace).isNotBlank();
        assertThat(manifests).allSatisfy(manifest -> assertThat(manifest.getMetadata().getNamespace()).isEqualTo(namespace));
        assertThat(manifests).as("the Secret is created with kubectl, never applied from here").noneMatch(Secret.class::isInstance);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void configMapsHoldExactlyTheRouteFilesAndTheClusterConfiguration(Path folder) throws IOException {
        List<HasMetadata> manifests = manifests(folder);

        Map<String, String> expectedRoutes = new TreeMap<>();
        for (Path file : ClusterConfig.routeFiles()) {
            expectedRoutes.put(file.getFileName().toString(), Files.readString(file));
        }
        assertThat(expectedRoutes).isNotEmpty();
        assertThat(new TreeMap<>(configMap(manifests, "rtc-usage-routes").getData()))
                .as("ConfigMap rtc-usage-routes must hold exactly routes/*.camel.yaml: list a new route file in routes/kustomization.yaml")
                .isEqualTo(expectedRoutes);
        Path clusterConfig = Files.exists(folder.resolve("application.yaml")) ? folder.resolve("application.yaml") : ClusterConfig.CLUSTER_CONFIG;
        assertThat(configMap(manifests, "rtc-usage-config").getData())
                .isEqualTo(Map.of("application.yaml", Files.readString(clusterConfig)));
    }

    /** Every way to deploy, and the Strimzi component as a user renders it from the Kafka namespace. */
    static Stream<List<HasMetadata>> everyRendering() throws IOException {
        try (Stream<Path> components = Files.list(Path.of("k8s/components"))) {
            assertThat(components.map(folder -> folder.getFileName().toString()).sorted().toList())
                    .as("every optional component is rendered: prometheus-operator by the example overlay, strimzi below")
                    .containsExactly("prometheus-operator", "strimzi");
        }
        assertThat(Files.readString(EXAMPLE.resolve("kustomization.yaml"))).contains("../../components/prometheus-operator");
        return Stream.concat(kustomizations().map(ManifestsIT::manifests), Stream.of(strimzi()));
    }

    @ParameterizedTest
    @MethodSource("everyRendering")
    void everyResourceAndPodTemplateCarriesTheRecommendedLabels(List<HasMetadata> manifests) {
        for (HasMetadata manifest : manifests) {
            assertThat(manifest.getMetadata().getLabels()).as(id(manifest)).containsKeys(APP_LABELS.toArray(String[]::new))
                    .allSatisfy((key, value) -> assertThat(value).isNotBlank())
                    .containsEntry("app.kubernetes.io/name", "rtc-usage-pipeline")
                    .containsEntry("app.kubernetes.io/managed-by", "kustomize");
        }
        for (PodTemplateSpec template : podTemplates(manifests)) {
            assertThat(template.getMetadata().getLabels()).containsKeys(APP_LABELS.toArray(String[]::new));
            String image = template.getSpec().getContainers().get(0).getImage();
            assertThat(template.getMetadata().getLabels().get("app.kubernetes.io/version"))
                    .as("version label = image tag").isEqualTo(image.substring(image.lastIndexOf(':') + 1));
        }
    }

    @Test
    void theNetworkPolicyLetsInOnlyMonitoringAndOutOnlyDnsKafkaAndHttps() {
        for (Path folder : List.of(BASE, CRONJOB)) {
            List<HasMetadata> manifests = manifests(folder);
            NetworkPolicy policy = only(manifests, NetworkPolicy.class);
            assertThat(podTemplates(manifests)).singleElement().satisfies(template ->
                    assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels()));
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        }
        NetworkPolicy policy = only(manifests(BASE), NetworkPolicy.class);
        Container container = only(manifests(BASE), Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getPodSelector()).isNull();
                assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
            });
            assertThat(rule.getPorts()).singleElement().satisfies(port ->
                    assertThat(containerPort(container, port.getPort().getStrVal())).isEqualTo(config.get("server.port", Integer.class)));
        });
        Set<String> egress = policy.getSpec().getEgress().stream()
                .peek(rule -> assertThat(rule.getTo()).as("by port, to any address").isNullOrEmpty())
                .flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getProtocol() + "/" + port.getPort().getIntVal())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> needed = new TreeSet<>(Set.of("UDP/53", "TCP/53", "TCP/443", "TCP/6443"));
        for (String broker : config.get("camel.component.kafka.brokers", String.class).split(",")) {
            needed.add("TCP/" + broker.substring(broker.lastIndexOf(':') + 1).trim());
        }
        assertThat(egress).containsAll(needed).allMatch(port -> needed.contains(port) || port.equals("TCP/9093"));
    }

    @Test
    void theExampleOverlaySetsImageNamespaceConfigurationAndMonitoringWithoutTouchingTheBase() throws IOException {
        List<HasMetadata> manifests = manifests(EXAMPLE);
        List<HasMetadata> base = manifests(BASE);
        Deployment deployment = only(manifests, Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getImage()).isEqualTo("registry.example.com/team/rtc-usage-pipeline:1.0.0");
        assertThat(manifests).allSatisfy(manifest -> assertThat(manifest.getMetadata().getNamespace()).isEqualTo("billing"));
        assertThat(only(manifests, RoleBinding.class).getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getNamespace()).isEqualTo("billing"));
        assertThat(configMap(manifests, "rtc-usage-config").getData().get("application.yaml"))
                .isEqualTo(Files.readString(EXAMPLE.resolve("application.yaml")));
        assertThat(mountOf(deployment.getSpec().getTemplate().getSpec(), container, configMap(manifests, "rtc-usage-config")).getMountPath())
                .isEqualTo("/etc/rtc-usage/config");
        assertThat(only(manifests, NetworkPolicy.class).getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "observability"));
        assertThat(List.of(only(manifests, PodMonitor.class), only(manifests, PrometheusRule.class)))
                .allSatisfy(resource -> assertThat(resource.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack"));
        // the base stays as checked in
        assertThat(only(base, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("rtc-usage-pipeline:" + projectVersion());
        assertThat(deployment.getSpec().getSelector()).isEqualTo(only(base, Deployment.class).getSpec().getSelector());
    }

    @Test
    void thePodMonitorScrapesActuatorOnTheServicePodsAsJobRtcUsagePipeline() {
        List<HasMetadata> manifests = manifests(EXAMPLE);
        PodTemplateSpec template = only(manifests, Deployment.class).getSpec().getTemplate();
        PodMonitor monitor = only(manifests, PodMonitor.class);

        assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "service");
        assertThat(monitor.getSpec().getJobLabel()).isEqualTo("app.kubernetes.io/name");
        assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(containerPort(template.getSpec().getContainers().get(0), endpoint.getPort())).isEqualTo(config.get("server.port", Integer.class));
            assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
        });
    }

    @Test
    void strimziCreatesBothTopicsAndGrantsExactlyWhatTheServiceDoes() {
        List<HasMetadata> manifests = strimzi();
        Map<String, KafkaTopic> topics = manifests.stream().filter(KafkaTopic.class::isInstance).map(KafkaTopic.class::cast)
                .collect(Collectors.toMap(topic -> topic.getSpec().getTopicName(), topic -> topic));
        String recordTopic = config.get("rtc-usage.kafka.topic", String.class);
        String deadLetterTopic = config.get("rtc-usage.kafka.dead-letter-topic", String.class);

        assertThat(manifests).allSatisfy(manifest -> {
            assertThat(manifest.getMetadata().getNamespace()).isEqualTo("kafka");
            assertThat(manifest.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "my-cluster");
        });
        assertThat(topics).containsOnlyKeys(recordTopic, deadLetterTopic);
        assertThat(topics.values()).allSatisfy(topic -> {
            assertThat(topic.getSpec().getPartitions()).isEqualTo(6);
            assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
            assertThat(topic.getSpec().getConfig()).containsEntry("min.insync.replicas", 2);
        });
        assertThat(topics.get(recordTopic).getSpec().getConfig()).containsEntry("cleanup.policy", "compact");

        KafkaUser user = only(manifests, KafkaUser.class);
        assertThat(user.getSpec().getAuthentication().getType()).isEqualTo("scram-sha-512");
        KafkaUserAuthorizationSimple authorization = (KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
        Map<String, Set<AclOperation>> grants = new TreeMap<>();
        for (AclRule rule : authorization.getAcls()) {
            AclRuleTopicResource topic = (AclRuleTopicResource) rule.getResource();
            assertThat(topic.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
            grants.computeIfAbsent(topic.getName(), name -> EnumSet.noneOf(AclOperation.class)).addAll(rule.getOperations());
        }
        assertThat(grants).as("no Create (topics come from the KafkaTopics), no group (the read-back assigns partitions)").isEqualTo(Map.of(
                recordTopic, EnumSet.of(AclOperation.DESCRIBE, AclOperation.DESCRIBECONFIGS, AclOperation.READ, AclOperation.WRITE),
                deadLetterTopic, EnumSet.of(AclOperation.DESCRIBE, AclOperation.DESCRIBECONFIGS, AclOperation.WRITE)));
    }

    /** k8s/components/strimzi as docs/kubernetes.md tells a user to include it: from a kustomization in the Kafka namespace. */
    static List<HasMetadata> strimzi() {
        return StrictManifests.parseAll(Kustomize.build("strimzi", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: kafka
                components:
                  - ../../../%s
                """.formatted(STRIMZI)));
    }

    private static String projectVersion() {
        try {
            Matcher version = Pattern.compile("<artifactId>rtc-usage-pipeline</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(Files.readString(Path.of("pom.xml")));
            assertThat(version.find()).isTrue();
            return version.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<PodTemplateSpec> podTemplates(List<HasMetadata> manifests) {
        List<PodTemplateSpec> templates = new ArrayList<>();
        manifests.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .forEach(deployment -> templates.add(deployment.getSpec().getTemplate()));
        manifests.stream().filter(CronJob.class::isInstance).map(CronJob.class::cast)
                .forEach(cronJob -> templates.add(cronJob.getSpec().getJobTemplate().getSpec().getTemplate()));
        return templates;
    }

    @Test
    void deploymentRunsTwoLockedDownReplicasProbedWhereActuatorAnswers() {
        List<HasMetadata> manifests = manifests(BASE);
        Deployment deployment = only(manifests, Deployment.class);
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        Container container = assertLockedDownPod(template.getSpec(), manifests);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        Map<String, String> selector = Map.of("app.kubernetes.io/name", "rtc-usage-pipeline", "app.kubernetes.io/component", "service");
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).as("immutable: never changes").isEqualTo(selector);
        assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(selector);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();

        // probes: the Actuator groups that management.endpoint.health.probes.enabled creates, on the management port
        // one port: the web server serves Actuator and nothing else, so no second (management) port
        int managementPort = config.get("server.port", Integer.class);
        assertThat(config.get("management.server.port", Integer.class, null)).as("management.server.port would open a second port").isNull();
        assertThat(container.getPorts()).singleElement().extracting(ContainerPort::getContainerPort).isEqualTo(managementPort);
        assertThat(config.get("management.endpoint.health.probes.enabled", Boolean.class)).isTrue();
        assertThat(config.get("management.endpoints.web.exposure.include", String.class)).contains("health", "prometheus", "sbom");
        assertThat(probe(container.getStartupProbe()).getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(probe(container.getLivenessProbe()).getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(probe(container.getReadinessProbe()).getPath()).isEqualTo("/actuator/health/readiness");
        for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            assertThat(containerPort(container, probe.getHttpGet().getPort().getStrVal())).isEqualTo(managementPort);
        }
        assertThat(container.getStartupProbe().getPeriodSeconds() * container.getStartupProbe().getFailureThreshold())
                .as("start-up measured at ~15 s on one CPU; the startupProbe allows several times that")
                .isGreaterThanOrEqualTo(120);
        assertThat(template.getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", String.valueOf(managementPort))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");

        // graceful shutdown: Kubernetes waits longer than Spring's phase timeout plus Camel's in-flight wait
        assertThat(config.get("server.shutdown", String.class)).isEqualTo("graceful");
        long springPhase = config.get("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).toSeconds();
        long camelInFlight = config.get("camel.main.shutdown-timeout", Integer.class);
        assertThat(template.getSpec().getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(springPhase + camelInFlight + 10);

        Service service = only(manifests, Service.class);
        assertThat(service.getSpec().getSelector()).isEqualTo(selector);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(managementPort);
            assertThat(containerPort(container, port.getTargetPort().getStrVal())).isEqualTo(managementPort);
        });
        PodDisruptionBudget budget = only(manifests, PodDisruptionBudget.class);
        assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getUnhealthyPodEvictionPolicy()).as("an unready pod protects nothing").isEqualTo("AlwaysAllow");
    }

    @Test
    void leaderElectionMayHoldExactlyTheSweepLeaseAndSeesOnlyTheServicePods() {
        List<HasMetadata> manifests = manifests(BASE);
        PodTemplateSpec template = only(manifests, Deployment.class).getSpec().getTemplate();

        assertThat(config.get("camel.cluster.kubernetes.enabled", Boolean.class)).isTrue();
        Map<String, String> clusterLabels = config.map("camel.cluster.kubernetes.cluster-labels");
        assertThat(clusterLabels).isNotEmpty();
        assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(clusterLabels);

        assertThat(triggerRoutes().values()).as("every sweep trigger follows the one Lease of the route policy")
                .allSatisfy(route -> assertThat(route.get("routePolicy")).isEqualTo(FlowNames.SWEEP_LEADERSHIP));
        String lease = config.get("camel.cluster.kubernetes.config-map-name", String.class) + "-" + LeaderOnlyTriggers.LOCK;

        ServiceAccount account = only(manifests, ServiceAccount.class);
        RoleBinding binding = only(manifests, RoleBinding.class);
        Role role = only(manifests, Role.class);
        assertThat(template.getSpec().getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(subject.getNamespace()).isEqualTo(account.getMetadata().getNamespace());
        });
        Map<String, Set<String>> leaseVerbs = new LinkedHashMap<>();
        for (PolicyRule rule : role.getRules()) {
            if (rule.getApiGroups().contains("coordination.k8s.io")) {
                assertThat(rule.getResources()).containsExactly("leases");
                String scope = rule.getResourceNames().isEmpty() ? "*" : String.join(",", rule.getResourceNames());
                leaseVerbs.computeIfAbsent(scope, key -> new TreeSet<>()).addAll(rule.getVerbs());
            } else {
                assertThat(rule.getApiGroups()).containsExactly("");
                assertThat(rule.getResources()).containsExactly("pods");
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list");
            }
        }
        assertThat(leaseVerbs).isEqualTo(Map.of("*", Set.of("create"), lease, Set.of("get", "update")));
    }

    @Test
    void eachSweepTriggerExistsOnceRunsOnTheLeaderAndNeitherInOneShotNorInCheckMode() {
        Map<String, Map<String, Object>> triggers = triggerRoutes();

        assertThat(triggers).containsOnlyKeys("scheduled-sweep", "startup-sweep");
        assertThat(triggers.values()).allSatisfy(trigger -> {
            assertThat(trigger.get("routePolicy")).isEqualTo(FlowNames.SWEEP_LEADERSHIP);
            assertThat((String) trigger.get("precondition"))
                    .contains("'{{rtc-usage.one-shot}}' == 'false'", "'{{rtc-usage.check}}' == 'false'");
        });
    }

    @Test
    void cronJobSweepsOnceARunWithTheSameConfigurationAndNoLeaderElection() throws IOException {
        List<HasMetadata> manifests = manifests(CRONJOB);
        List<HasMetadata> base = manifests(BASE);
        CronJob cronJob = only(manifests, CronJob.class);
        PodTemplateSpec template = cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
        Container container = assertLockedDownPod(template.getSpec(), manifests);

        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cronJob.getSpec().getTimeZone()).isEqualTo(config.get("rtc-usage.schedule.time-zone", String.class));
        assertThat(template.getSpec().getRestartPolicy()).as("podFailurePolicy needs it").isEqualTo("Never");
        PodFailurePolicy failurePolicy = cronJob.getSpec().getJobTemplate().getSpec().getPodFailurePolicy();
        assertThat(failurePolicy.getRules()).hasSize(2);
        assertThat(failurePolicy.getRules().get(0)).satisfies(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo(template.getSpec().getContainers().get(0).getName());
            assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
            assertThat(rule.getOnExitCodes().getValues()).as("did not start, API refused, Kafka refused: waiting cannot cure them")
                    .containsExactlyInAnyOrder(1, 11, 12, 13);
        });
        assertThat(failurePolicy.getRules().get(1)).satisfies(rule -> {
            assertThat(rule.getAction()).isEqualTo("Ignore");
            assertThat(rule.getOnPodConditions()).singleElement().satisfies(condition ->
                    assertThat(condition.getType()).isEqualTo("DisruptionTarget"));
        });
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getBackoffLimit()).as("exit 10 (transient) is retried").isPositive();
        assertThat(container.getArgs()).contains("--rtc-usage.one-shot=true", "--camel.cluster.kubernetes.enabled=false");
        assertThat(template.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(template.getMetadata().getLabels().entrySet())
                .as("one-shot pods never count as leader-election members")
                .doesNotContainAnyElementsOf(Set.copyOf(config.map("camel.cluster.kubernetes.cluster-labels").entrySet())
                        .stream().filter(label -> label.getKey().endsWith("/component")).toList());

        // the same ConfigMaps, byte for byte (same generated names), and the same Secret as the service
        assertThat(manifests.stream().filter(ConfigMap.class::isInstance).map(ManifestsIT::id).sorted().toList())
                .isEqualTo(base.stream().filter(ConfigMap.class::isInstance).map(ManifestsIT::id).sorted().toList());
        Container service = only(base, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnvFrom()).isEqualTo(service.getEnvFrom());
        assertThat(container.getEnv()).isEqualTo(service.getEnv());
        assertThat(container.getImage()).isEqualTo(service.getImage());
        assertThat(container.getResources()).isEqualTo(service.getResources());
    }

    @Test
    void theImageJibBuildsRunsAsThePodsExpect() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        PodSpec pod = only(manifests(BASE), Deployment.class).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));

        assertThat(pom).contains("<user>" + pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup() + "</user>");
        assertThat(pom).doesNotContain("JAVA_TOOL_OPTIONS");
        assertThat(env).doesNotContainKey("JAVA_TOOL_OPTIONS").doesNotContainKey("JAVA_OPTS");
        assertThat(jvmFlags()).contains("-XX:+ExitOnOutOfMemoryError").anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="));
        assertThat(pom).contains("<port>" + containerPort(container, "management") + "</port>");
        assertThat(pom).contains("<image>" + container.getImage().replaceFirst(":[^/]*$", "") + ":${project.version}</image>");
        assertThat(pom).contains("<from>routes</from>", "<into>/app/routes</into>", "<ROUTES_DIR>/app/routes</ROUTES_DIR>");
    }

    @Test
    void podsLogJsonWhileTheLocalRunLogsPlainText() throws IOException {
        for (Path folder : List.of(BASE, CRONJOB)) {
            assertThat(podTemplates(manifests(folder))).singleElement().satisfies(template ->
                    assertThat(template.getSpec().getContainers().get(0).getEnv())
                            .as("Spring Boot's structured console logging in %s", folder)
                            .contains(new EnvVar("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs", null)));
        }
        assertThat(Files.readString(Path.of("src/main/resources/application.yaml")))
                .as("plain text wherever the pods' environment does not say otherwise").doesNotContain("structured");
    }

    @Test
    void exampleSecretHoldsOnlyPlaceholdersForTheKeysTheConfigurationReads() throws IOException {
        List<Map<String, Object>> documents = Kustomize.parseAll(Files.readString(EXAMPLE_SECRET));
        Secret secret = (Secret) StrictManifests.parse(documents.get(0));

        assertThat(documents).hasSize(1);
        assertThat(secret.getStringData().values()).allSatisfy(value -> assertThat(value).startsWith("<").endsWith(">"));
        String clusterConfig = Files.readString(ClusterConfig.CLUSTER_CONFIG);
        for (PodSpec pod : List.of(only(manifests(BASE), Deployment.class).getSpec().getTemplate().getSpec(),
                only(manifests(CRONJOB), CronJob.class).getSpec().getJobTemplate().getSpec().getTemplate().getSpec())) {
            // mounted as files (read again before every sweep), never as environment variables (fixed for the pod's life)
            Container container = pod.getContainers().get(0);
            assertThat(container.getEnvFrom()).isEmpty();
            Volume volume = pod.getVolumes().stream()
                    .filter(candidate -> candidate.getSecret() != null
                            && secret.getMetadata().getName().equals(candidate.getSecret().getSecretName()))
                    .findFirst().orElseThrow(() -> new AssertionError("no volume of Secret " + secret.getMetadata().getName()));
            VolumeMount mount = container.getVolumeMounts().stream().filter(candidate -> candidate.getName().equals(volume.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError("volume " + volume.getName() + " is not mounted"));
            assertThat(mount.getReadOnly()).isTrue();
            for (String key : secret.getStringData().keySet()) {
                assertThat(clusterConfig).contains("-file: " + mount.getMountPath() + "/" + key);
            }
        }
    }

    @Test
    void strictParsingRejectsWhatTheApiServerWould() {
        String good = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: probe}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: probe}}
                  template:
                    metadata: {labels: {app: probe}}
                    spec:
                      containers:
                        - name: app
                          image: app
                          ports: [{containerPort: 8081}]
                          env: [{name: A, value: "8081"}]
                """;
        assertThat(((Deployment) StrictManifests.parse(Kustomize.parseAll(good).get(0))).getSpec().getReplicas()).isEqualTo(2);

        assertRejected(good, "replicas: 2", "replica: 2", "replica");
        assertRejected(good, "replicas: 2", "replicas: \"2\"", "replicas");
        assertRejected(good, "containerPort: 8081", "containerPort: \"8081\"", "containerPort");
        assertRejected(good, "value: \"8081\"", "value: 8081", "value");
        assertRejected(good, "image: app", "image: app\n              imagePulPolicy: Always", "imagePulPolicy");
        // the custom resources as strictly, by their operators' model classes
        String podMonitor = """
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata: {name: probe}
                spec:
                  selector: {matchLabels: {app: probe}}
                  podMetricsEndpoints: [{port: http, path: /metrics}]
                """;
        assertThat(((PodMonitor) StrictManifests.parse(Kustomize.parseAll(podMonitor).get(0))).getSpec().getPodMetricsEndpoints()).hasSize(1);
        assertRejected(podMonitor, "podMetricsEndpoints", "podMetricEndpoints", "podMetricEndpoints");
        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: probe}
                spec: {partitions: 6, replicas: 3}
                """;
        assertThat(((KafkaTopic) StrictManifests.parse(Kustomize.parseAll(topic).get(0))).getSpec().getPartitions()).isEqualTo(6);
        assertRejected(topic, "partitions: 6", "partition: 6", "partition");
        assertRejected(topic, "replicas: 3", "replicas: \"3\"", "replicas");
        assertRejected(topic, "kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2", "unexpected kind kafka.strimzi.io/v1beta2 KafkaTopic");
        // v1 as Strimzi's model has it: an ACL rule's operations are a list; v1beta2's single "operation" is gone
        String user = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: probe}
                spec:
                  authorization:
                    type: simple
                    acls: [{resource: {type: topic, name: t}, operations: [Read]}]
                """;
        assertThat(((KafkaUserAuthorizationSimple) ((KafkaUser) StrictManifests.parse(Kustomize.parseAll(user).get(0)))
                .getSpec().getAuthorization()).getAcls()).singleElement()
                .satisfies(rule -> assertThat(rule.getOperations()).containsExactly(AclOperation.READ));
        assertRejected(user, "operations: [Read]", "operation: Read", "operation");
        assertRejected(user, "operations: [Read]", "operations: Read", "operations");
        assertThat(StrictManifests.inRange("v1", "v1alpha1-v1beta2")).isFalse();
        assertThat(StrictManifests.inRange("v1beta2", "v1alpha1-v1beta2")).isTrue();
        assertThat(StrictManifests.inRange("v1", "v1beta2+")).isTrue();
        assertThatThrownBy(() -> StrictManifests.parse(Map.of("apiVersion", "apps/v1beta1", "kind", "Deployment")))
                .hasMessageContaining("unexpected kind apps/v1beta1 Deployment");
    }

    private static void assertRejected(String good, String field, String broken, String named) {
        String mutated = good.replace(field, broken);
        assertThat(mutated).as("the mutation must apply").isNotEqualTo(good);
        assertThatThrownBy(() -> StrictManifests.parse(Kustomize.parseAll(mutated).get(0)))
                .as(broken)
                .hasMessageContaining(named);
    }

    /** What a pod of this deployment needs, whichever workload runs it; returns its container. */
    private Container assertLockedDownPod(PodSpec pod, List<HasMetadata> manifests) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers()).hasSize(1);
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

        Map<String, String> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env).as("JVM flags live in the image (jvmFlags in pom.xml) only").doesNotContainKey("JAVA_TOOL_OPTIONS");
        assertThat(mountOf(pod, container, configMap(manifests, "rtc-usage-routes")).getMountPath()).isEqualTo(env.get("ROUTES_DIR"));
        assertThat("file:" + mountOf(pod, container, configMap(manifests, "rtc-usage-config")).getMountPath() + "/application.yaml")
                .isEqualTo(env.get("SPRING_CONFIG_ADDITIONAL_LOCATION"));
        Volume tmp = pod.getVolumes().stream().filter(volume -> volume.getEmptyDir() != null).findFirst().orElseThrow();
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(tmp.getName());
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
        });
        assertThat(container.getVolumeMounts()).filteredOn(mount -> !mount.getMountPath().equals("/tmp"))
                .allSatisfy(mount -> assertThat(mount.getReadOnly()).isTrue());

        // sized from the measured ~250 MB resident set: the request covers it, the heap cap leaves room below the limit
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKey("memory");
        assertThat(bytes(requests.get("memory"))).isGreaterThanOrEqualTo(300L << 20);
        double heapShare = jvmFlags().stream().filter(flag -> flag.startsWith("-XX:MaxRAMPercentage="))
                .mapToDouble(flag -> Double.parseDouble(flag.substring(flag.indexOf('=') + 1))).findFirst().orElseThrow() / 100;
        assertThat(bytes(limits.get("memory")) * (1 - heapShare)).as("room outside the heap").isGreaterThanOrEqualTo(200L << 20);
        return container;
    }

    /** The JVM flags of the image: Jib's jvmFlags in pom.xml, their one place. */
    static List<String> jvmFlags() {
        try {
            Matcher flag = Pattern.compile("<jvmFlag>([^<]+)</jvmFlag>").matcher(Files.readString(Path.of("pom.xml")));
            List<String> flags = new ArrayList<>();
            while (flag.find()) {
                flags.add(flag.group(1));
            }
            return flags;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static VolumeMount mountOf(PodSpec pod, Container container, ConfigMap configMap) {
        Volume volume = pod.getVolumes().stream()
                .filter(candidate -> candidate.getConfigMap() != null
                        && candidate.getConfigMap().getName().equals(configMap.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no volume of ConfigMap " + configMap.getMetadata().getName()));
        return container.getVolumeMounts().stream().filter(mount -> mount.getName().equals(volume.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("volume " + volume.getName() + " is not mounted"));
    }

    private static HTTPGetAction probe(Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet()).isNotNull();
        return probe.getHttpGet();
    }

    private static int containerPort(Container container, String name) {
        return container.getPorts().stream().filter(port -> name.equals(port.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValueExact();
    }

    private static ConfigMap configMap(List<HasMetadata> manifests, String generatorName) {
        List<ConfigMap> found = manifests.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(configMap -> configMap.getMetadata().getName().matches(Pattern.quote(generatorName) + "-[a-z0-9]{10}"))
                .toList();
        assertThat(found).as("generated ConfigMap " + generatorName).hasSize(1);
        return found.get(0);
    }

    /** The kustomization in {@code folder} rendered by kubectl, every manifest parsed strictly. */
    static List<HasMetadata> manifests(Path folder) {
        return StrictManifests.parseAll(Kustomize.build(folder));
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> manifests, Class<T> kind) {
        List<T> found = manifests.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static String id(HasMetadata manifest) {
        return manifest.getKind() + "/" + manifest.getMetadata().getNamespace() + "/" + manifest.getMetadata().getName();
    }

    /** The routes of routes/ that trigger a sweep (they send to direct:sweep), by route id. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> triggerRoutes() {
        Map<String, Map<String, Object>> triggers = new TreeMap<>();
        for (Path file : ClusterConfig.routeFiles()) {
            List<Map<String, Object>> elements = new ArrayList<>();
            try {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    elements.addAll((List<Map<String, Object>>) document);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Map<String, Object> element : elements) {
                if (element.get("route") instanceof Map<?, ?> route && route.toString().contains("uri=direct:sweep")
                        && !"direct:sweep".equals(uri((Map<String, Object>) route))) {
                    triggers.put((String) route.get("id"), (Map<String, Object>) route);
                }
            }
        }
        return triggers;
    }

    @SuppressWarnings("unchecked")
    private static String uri(Map<String, Object> route) {
        return (String) ((Map<String, Object>) route.get("from")).get("uri");
    }

}
