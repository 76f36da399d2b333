package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.Callback;
import io.ringback.simulator.CustomerBehaviour;
import io.ringback.simulator.OriginateRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Waiting callbacks are served in the order their current attempt became due, first attempts and
 * retries alike: a new callback does not wait behind the retries of an older one.
 */
class FairOrderTest extends RingbackIntegrationTest {

    @Test
    void aNewCallbackDueBeforeAnOlderCallbacksRetryIsDialedFirst() {
        String queue = queueWithAgent("it-long-fair");
        String agent = "Local/" + queue + "-agent@agents";
        String older = newNumber();
        String newer = newNumber();
        asterisk.setBehaviour(digits(older), CustomerBehaviour.BUSY);
        asterisk.setBehaviour(digits(newer), CustomerBehaviour.BUSY);

        asterisk.abandon(queue, older, "Older", 30);
        Callback first = awaitCallback(queue, older);
        await().atMost(Duration.ofSeconds(20)).until(() -> attemptsOf(first.id()).stream()
                .anyMatch(a -> a.outcome() == AttemptOutcome.BUSY));
        asterisk.setMemberPaused(queue, agent, true, "short break"); // the older retry is due in 2 s
        asterisk.abandon(queue, newer, "Newer", 30);                 // due now
        Callback second = awaitCallback(queue, newer);
        await().atMost(Duration.ofSeconds(20)).until(() -> callbacks.find(second.id()).orElseThrow().waitingForAgent()
                && callbacks.find(first.id()).orElseThrow().waitingForAgent());

        Instant unpausedAt = Instant.now();
        asterisk.setMemberPaused(queue, agent, false, "");

        OriginateRecord next = await().atMost(Duration.ofSeconds(20)).until(() -> asterisk.originates().stream()
                .filter(o -> o.receivedAt().isAfter(unpausedAt))
                .filter(o -> o.dialedNumber().endsWith(digits(older)) || o.dialedNumber().endsWith(digits(newer)))
                .findFirst(), java.util.Optional::isPresent).get();
        assertThat(next.dialedNumber()).as("the callback due first is dialed first").endsWith(digits(newer));
    }
}
