package com.rtcusage;

import com.rtcusage.sandbox.LocalSandboxInitializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * README's first command ({@code mvn -Plocal spring-boot:run}): an embedded KRaft broker, then the
 * service in profile {@code local}, whose sandbox answers ListUsages. Main code only in the Maven
 * profile {@code local} (test code otherwise), so none of it is in the production jar. The sandbox
 * initializer is registered here, since {@code -Plocal} keeps main's own {@code spring.factories}.
 */
public final class LocalApplication {

    private LocalApplication() {
    }

    public static void main(String[] args) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        Application.exitIfRunOnce(new SpringApplicationBuilder(Application.class).profiles("local")
                .initializers(new LocalSandboxInitializer()).run(args));
    }
}
