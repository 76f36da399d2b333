package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.simulator.CustomerBehaviour;
import io.ringback.telephony.CallbackDialer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Zeebe delivers a job at least once. The attempt row keyed by (callback, attempt) is written in
 * PostgreSQL before the Originate, so the same attempt delivered again, even concurrently, dials
 * the customer once.
 */
class NoDoubleDialTest extends RingbackIntegrationTest {

    @Autowired CallbackDialer dialer;

    /** A stored callback without a process instance, so that only this test dials it. */
    private UUID storedCallback(String number) {
        asterisk.setBehaviour(digits(number), CustomerBehaviour.BUSY);
        return storedCallback("nd-queue", number);
    }

    @Test
    void theSameAttemptDeliveredTwiceDialsOnce() {
        String number = newNumber();
        UUID callback = storedCallback(number);

        String first = dialer.dial(callback, 1, "nd-queue", "9", "custom/callback");
        String again = dialer.dial(callback, 1, "nd-queue", "9", "custom/callback");

        assertThat(again).isEqualTo(first);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> dialsTo(number).size() == 1);
        assertThat(attemptsOf(callback)).singleElement().satisfies(a -> {
            assertThat(a.actionId()).isEqualTo(first);
            assertThat(a.originateSentAt()).isNotNull();
        });
    }

    @Test
    void concurrentDeliveriesOfTheSameAttemptDialOnce() throws Exception {
        String number = newNumber();
        UUID callback = storedCallback(number);
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> deliveries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                deliveries.add(() -> dialer.dial(callback, 1, "nd-queue", "9", "custom/callback"));
            }
            List<Future<String>> results = pool.invokeAll(deliveries);
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(CallbackDialer.actionId(callback, 1));
            }
        } finally {
            pool.shutdown();
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> dialsTo(number).size() == 1);
        assertThat(attemptsOf(callback)).hasSize(1);
    }

    @Test
    void theNextAttemptIsANewDial() {
        String number = newNumber();
        UUID callback = storedCallback(number);

        dialer.dial(callback, 1, "nd-queue", "9", "custom/callback");
        dialer.dial(callback, 2, "nd-queue", "9", "custom/callback");

        await().atMost(Duration.ofSeconds(5)).until(() -> dialsTo(number).size() == 2);
        assertThat(dialsTo(number)).extracting(o -> o.clientActionId())
                .containsExactly(CallbackDialer.actionId(callback, 1), CallbackDialer.actionId(callback, 2));
    }
}
