package com.rtcusage.k8s;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads manifests into fabric8's Kubernetes model the way the API server would judge them: an
 * unknown or misspelled field fails (fabric8 would otherwise keep it in "additionalProperties"),
 * and so does a scalar of the wrong type ({@code replicas: "2"}, {@code value: 8081}).
 */
final class StrictManifests {

    /**
     * The kinds k8s/ may contain, by apiVersion and kind; any other kind fails the build. Besides
     * Kubernetes' own: the Prometheus Operator's (monitoring.coreos.com, fabric8's model) and
     * Strimzi's (kafka.strimzi.io/v1beta2, Strimzi's own api classes).
     */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = kinds();

    private static final ObjectMapper MAPPER = strictMapper();

    private StrictManifests() {
    }

    /** One manifest as its fabric8 type; fails naming the field that Kubernetes would reject. */
    static HasMetadata parse(Map<String, Object> manifest) {
        String type = manifest.get("apiVersion") + " " + manifest.get("kind");
        Class<? extends HasMetadata> kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("unexpected kind " + type + " (known: " + KINDS.keySet() + ")");
        }
        return MAPPER.convertValue(manifest, kind);
    }

    /** Every manifest, parsed strictly. */
    static List<HasMetadata> parseAll(List<Map<String, Object>> manifests) {
        return manifests.stream().map(StrictManifests::parse).toList();
    }

    private static Map<String, Class<? extends HasMetadata>> kinds() {
        Map<String, Class<? extends HasMetadata>> kinds = new HashMap<>(Stream.of(
                        ConfigMap.class, Secret.class, Service.class, ServiceAccount.class, Deployment.class, CronJob.class,
                        Role.class, RoleBinding.class, PodDisruptionBudget.class, NetworkPolicy.class,
                        PodMonitor.class, PrometheusRule.class)
                .collect(Collectors.toMap(kind -> HasMetadata.getApiVersion(kind) + " " + HasMetadata.getKind(kind), kind -> kind)));
        kinds.put("kafka.strimzi.io/v1beta2 KafkaTopic", KafkaTopic.class);
        kinds.put("kafka.strimzi.io/v1beta2 KafkaUser", KafkaUser.class);
        return Map.copyOf(kinds);
    }

    private static ObjectMapper strictMapper() {
        SimpleModule noAdditionalProperties = new SimpleModule("no-additional-properties");
        noAdditionalProperties.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                return builder;
            }
        });
        JsonMapper mapper = JsonMapper.builder()
                .addModule(noAdditionalProperties)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        Map<LogicalType, List<CoercionInputShape>> foreignShapes = Map.of(
                LogicalType.Textual, List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean),
                LogicalType.Integer, List.of(CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean),
                LogicalType.Float, List.of(CoercionInputShape.String, CoercionInputShape.Boolean),
                LogicalType.Boolean, List.of(CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float));
        foreignShapes.forEach((type, shapes) -> shapes.forEach(shape ->
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail)));
        return mapper;
    }
}
