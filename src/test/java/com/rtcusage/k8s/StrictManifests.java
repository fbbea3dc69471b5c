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
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
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
     * Strimzi's (kafka.strimzi.io/v1, the only version Strimzi 1.0 and later serve; Strimzi's own api
     * classes, without the fields that v1 no longer has).
     */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = kinds();

    /** The kafka.strimzi.io version k8s/components/strimzi is written in. */
    static final String STRIMZI_VERSION = "v1";

    /**
     * Strimzi marks each field that exists in some API versions only with {@code @PresentInVersions}
     * (its CRD generator writes each version's schema from them): in v1 the ACL rule's single
     * {@code operation} is gone, only the list {@code operations} is left. The annotation's class is
     * not published, so its value is read from the class files.
     */
    private static final String PRESENT_IN_VERSIONS = "Lio/strimzi/crdgenerator/annotations/PresentInVersions;";

    private static final Map<Class<?>, Map<String, String>> PRESENT_IN = new ConcurrentHashMap<>();

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
        kinds.put(KafkaTopic.RESOURCE_GROUP + "/" + STRIMZI_VERSION + " KafkaTopic", KafkaTopic.class);
        kinds.put(KafkaUser.RESOURCE_GROUP + "/" + STRIMZI_VERSION + " KafkaUser", KafkaUser.class);
        return Map.copyOf(kinds);
    }

    private static ObjectMapper strictMapper() {
        SimpleModule noAdditionalProperties = new SimpleModule("no-additional-properties");
        noAdditionalProperties.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                for (BeanPropertyDefinition property : description.findProperties()) {
                    String versions = presentInVersions(property);
                    if (versions != null && !inRange(STRIMZI_VERSION, versions)) {
                        builder.removeProperty(PropertyName.construct(property.getName()));
                    }
                }
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

    /** The {@code @PresentInVersions} range of a Strimzi model property (on its getter or field), or null. */
    private static String presentInVersions(BeanPropertyDefinition property) {
        for (AnnotatedMember member : new AnnotatedMember[] {property.getGetter(), property.getField()}) {
            if (member != null && member.getDeclaringClass().getName().startsWith("io.strimzi.")) {
                String versions = PRESENT_IN.computeIfAbsent(member.getDeclaringClass(), StrictManifests::readPresentInVersions)
                        .get(member.getName());
                if (versions != null) {
                    return versions;
                }
            }
        }
        return null;
    }

    /** Method and field names of one class file with the value of their {@code @PresentInVersions}. */
    private static Map<String, String> readPresentInVersions(Class<?> type) {
        Map<String, String> ranges = new HashMap<>();
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                            return rangeOf(annotation, name, ranges);
                        }
                    };
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                    return new FieldVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                            return rangeOf(annotation, name, ranges);
                        }
                    };
                }
            }, ClassReader.SKIP_CODE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ranges;
    }

    private static AnnotationVisitor rangeOf(String annotation, String member, Map<String, String> ranges) {
        if (!PRESENT_IN_VERSIONS.equals(annotation)) {
            return null;
        }
        return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String name, Object value) {
                ranges.put(member, (String) value);
            }
        };
    }

    /** Strimzi's version ranges: "v1beta2" (one), "v1beta2+" (and later), "v1alpha1-v1beta2" (inclusive). */
    static boolean inRange(String version, String range) {
        if (range.endsWith("+")) {
            return order(version) >= order(range.substring(0, range.length() - 1));
        }
        String[] bounds = range.split("-", 2);
        return order(version) >= order(bounds[0]) && order(version) <= order(bounds[bounds.length - 1]);
    }

    private static final Pattern API_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    /** Kubernetes' order of API versions: v1alpha1 < v1beta1 < v1beta2 < v1 < v2alpha1 ... */
    private static int order(String version) {
        Matcher parts = API_VERSION.matcher(version);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not an API version: " + version);
        }
        int stability = parts.group(2) == null ? 2 : parts.group(2).equals("beta") ? 1 : 0;
        int minor = parts.group(3) == null ? 0 : Integer.parseInt(parts.group(3));
        return Integer.parseInt(parts.group(1)) * 10_000 + stability * 1_000 + minor;
    }
}
