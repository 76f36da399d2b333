package io.ringback.testsupport;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Awaitility's defaults for every test class (registered for all of them through
 * {@code junit-platform.properties} and {@code META-INF/services}): look at once, then every 50 ms.
 * Awaitility's own default sleeps one poll interval (100 ms) before it looks the first time, which
 * made every {@code await()} of an already true condition cost 100 ms — about a minute of the whole
 * test command. A test that needs a longer interval or a delay still says so where it waits.
 */
public final class AwaitilityDefaults implements BeforeAllCallback {

    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(POLL_INTERVAL);
    }
}
