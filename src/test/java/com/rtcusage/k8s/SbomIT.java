package com.rtcusage.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rtcusage.Application;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The jar's CycloneDX SBOM, which cyclonedx-maven-plugin writes at generate-resources, served on the
 * service's one port at /actuator/sbom/application: CycloneDX JSON whose subject is this service at the
 * version the build wrote into build-info, listing the libraries it runs on (ProductionJarIT checks that the
 * jar carries it).
 */
@CamelSpringBootTest
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=rtc-usage-sbom",
        "rtc-usage.schedule.run-on-startup=false",
        "rtc-usage.schedule.cron=0 0 0 1 1 ? 2099",
        "rtc-usage.kafka.topic=sbom.usage",
        "rtc-usage.kafka.dead-letter-topic=sbom.dead"})
@ActiveProfiles("local")
@EmbeddedKafka(kraft = true, partitions = 1)
@DirtiesContext
class SbomIT {

    @LocalServerPort
    int port;

    @Test
    void theSbomEndpointServesCycloneDxNamingThisService() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/sbom/application"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        JsonNode sbom = new ObjectMapper().readTree(response.body());
        assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(sbom.path("specVersion").asText()).isNotBlank();
        JsonNode service = sbom.at("/metadata/component");
        assertThat(service.path("group").asText()).isEqualTo("com.rtcusage");
        assertThat(service.path("name").asText()).isEqualTo("rtc-usage-pipeline");
        assertThat(service.path("version").asText()).as("the version of this build (build-info)").isEqualTo(buildVersion());
        assertThat(StreamSupport.stream(sbom.path("components").spliterator(), false).map(component -> component.path("name").asText()))
                .as("the libraries the service runs on")
                .contains("camel-core-engine", "kafka-clients", "spring-boot")
                .as("nothing only the tests or the local run use")
                .doesNotContain("spring-kafka-test", "kafka_2.13", "junit-jupiter-api");
    }

    private static String buildVersion() throws IOException {
        Properties buildInfo = new Properties();
        try (InputStream in = SbomIT.class.getClassLoader().getResourceAsStream("META-INF/build-info.properties")) {
            assertThat(in).as("META-INF/build-info.properties, written by spring-boot-maven-plugin's build-info goal").isNotNull();
            buildInfo.load(in);
        }
        return buildInfo.getProperty("build.version");
    }
}
