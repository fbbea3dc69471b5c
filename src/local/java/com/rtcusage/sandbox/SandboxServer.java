package com.rtcusage.sandbox;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;

/**
 * The sandbox in a process of its own, as the real API is: for benchmarks, so that the service's
 * memory, CPU and threads are measured without the sandbox's. Takes the same {@code --sandbox.*}
 * and {@code --rtc-usage.accounts[n].*} arguments as profile {@code local}, prints the endpoint and
 * when its JVM started (epoch ms, to time the service's first request), and runs until killed.
 */
public final class SandboxServer {

    private SandboxServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Binder binder = new Binder(ConfigurationPropertySources.from(new SimpleCommandLinePropertySource(args)));
        UsageSandbox sandbox = LocalSandboxInitializer.configured(binder, Clock.systemUTC());
        sandbox.start(binder.bind("sandbox.port", Integer.class).orElse(0));
        System.out.println("sandbox-endpoint=" + sandbox.endpoint()
                + " jvm-start-epoch-ms=" + ManagementFactory.getRuntimeMXBean().getStartTime());
        new CountDownLatch(1).await();
    }
}
