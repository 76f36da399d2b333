package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ringback.agent.AgentClaimRepository;
import io.ringback.callback.CallNotPlacedException;
import io.ringback.callback.CallbackDialer;
import io.ringback.simulator.CustomerBehaviour;
import java.time.Duration;
import java.time.Instant;
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
 * PostgreSQL before the Originate, so the same attempt delivered again, even concurrently or after a
 * crash between the row and the Originate, dials the customer at most once. Nothing is dialed
 * without a live agent claim.
 */
class NoDoubleDialTest extends RingbackIntegrationTest {

    @Autowired CallbackDialer dialer;
    @Autowired AgentClaimRepository claimRows;

    /** A stored callback without a process instance, so that only this test dials it, with an agent claimed. */
    private UUID claimedCallback(String number) {
        asterisk.setBehaviour(digits(number), CustomerBehaviour.BUSY);
        UUID callback = storedCallback("nd-queue", number);
        claimRows.tryClaim("Local/nd-" + callback + "@agents", "nd-queue", "queue:nd-queue", callback, Instant.now(),
                Instant.now().plusSeconds(120));
        return callback;
    }

    @Test
    void theSameAttemptDeliveredTwiceDialsOnce() {
        String number = newNumber();
        UUID callback = claimedCallback(number);

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
        UUID callback = claimedCallback(number);
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
    void aJobDeliveredAgainAfterACrashBetweenTheAttemptRowAndTheOriginateDialsNothing() {
        String number = newNumber();
        UUID callback = claimedCallback(number);
        attempts.start(callback, 1, CallbackDialer.actionId(callback, 1), "Local/nd@agents"); // then the crash

        String actionId = dialer.dial(callback, 1, "nd-queue", "9", "custom/callback");

        assertThat(actionId).isEqualTo(CallbackDialer.actionId(callback, 1));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> dialsTo(number).isEmpty());
        assertThat(attemptsOf(callback)).singleElement().satisfies(a -> assertThat(a.originateSentAt()).isNull());
    }

    @Test
    void theNextAttemptIsANewDial() {
        String number = newNumber();
        UUID callback = claimedCallback(number);

        dialer.dial(callback, 1, "nd-queue", "9", "custom/callback");
        dialer.dial(callback, 2, "nd-queue", "9", "custom/callback");

        await().atMost(Duration.ofSeconds(5)).until(() -> dialsTo(number).size() == 2);
        assertThat(dialsTo(number)).extracting(o -> o.clientActionId())
                .containsExactly(CallbackDialer.actionId(callback, 1), CallbackDialer.actionId(callback, 2));
    }

    @Test
    void withoutALiveAgentClaimNothingIsDialedAndTheAttemptIsNotUsedUp() {
        String number = newNumber();
        UUID callback = storedCallback("nd-queue", number);
        Instant longAgo = Instant.now().minusSeconds(600);
        claimRows.tryClaim("Local/nd-expired-" + callback + "@agents", "nd-queue", "queue:nd-queue", callback, longAgo,
                longAgo.plusSeconds(60));

        assertThatThrownBy(() -> dialer.dial(callback, 1, "nd-queue", "9", "custom/callback"))
                .isInstanceOf(CallNotPlacedException.class).hasMessageContaining("claim");
        assertThat(attemptsOf(callback)).isEmpty();
        assertThat(dialsTo(number)).isEmpty();
    }
}
