package com.rtcusage.sandbox;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A sandbox of the two fixture accounts on a random loopback port for each test, with a client; closed after it. */
final class RunningSandbox implements BeforeEachCallback, AfterEachCallback {

    private UsageSandbox sandbox;
    private SandboxTestClient client;

    @Override
    public void beforeEach(ExtensionContext context) {
        sandbox = new UsageSandbox(SandboxFixture.settings(), SandboxFixture.CLOCK);
        sandbox.start();
        client = new SandboxTestClient(sandbox.endpoint());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        sandbox.close();
    }

    UsageSandbox sandbox() {
        return sandbox;
    }

    SandboxTestClient client() {
        return client;
    }
}
