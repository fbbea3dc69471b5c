package com.rtcusage.support;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * Camel builds its Kubernetes client from the environment, as in a pod: point that at fabric8's
 * mock server for a test class, in namespace {@value #NAMESPACE}, and forget it afterwards.
 */
public final class KubernetesMockClients {

    public static final String NAMESPACE = "rtc-usage";
    /** The Lease of the sweep triggers: camel.cluster.kubernetes.config-map-name + "-" + lock group. */
    public static final String LEASE = "rtc-usage-sweep";
    private static final Map<String, String> SETTINGS = Map.of(
            Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, NAMESPACE,
            Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false",
            Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false",
            Config.KUBERNETES_TRUST_CERT_SYSTEM_PROPERTY, "true");

    private KubernetesMockClients() {
    }

    public static void talkTo(KubernetesClient mock) {
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, mock.getMasterUrl().toString());
        SETTINGS.forEach(System::setProperty);
    }

    public static void forget() {
        System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
        SETTINGS.keySet().forEach(System::clearProperty);
    }
}
