package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.callback.Callback;
import io.ringback.callback.CallbackStatus;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A customer served on an inbound call in any queue that shares agents with the callback's queue
 * has the pending callback cancelled; a queue with agents of its own does not count.
 */
class ServedInboundTest extends RingbackIntegrationTest {

    @Test
    void aCustomerServedInAnotherQueueSharingTheAgentsIsNotCalledBack() {
        String callbackQueue = "it-long-served-a-" + UUID.randomUUID().toString().substring(0, 8);
        String otherQueue = "it-long-served-b-" + UUID.randomUUID().toString().substring(0, 8);
        String shared = "Local/" + callbackQueue + "-shared@agents";
        asterisk.addMember(callbackQueue, shared, "Shared Agent");
        asterisk.addMember(otherQueue, shared, "Shared Agent");
        asterisk.setMemberPaused(callbackQueue, shared, true, "busy with other work");
        String number = newNumber();

        asterisk.abandon(callbackQueue, number, "Paula", 30);
        Callback callback = awaitStatus(awaitCallback(callbackQueue, number).id(), CallbackStatus.PENDING,
                Duration.ofSeconds(20));
        asterisk.inboundServed(otherQueue, number, "Paula");

        Callback served = awaitStatus(callback.id(), CallbackStatus.SERVED_INBOUND, Duration.ofSeconds(20));
        assertThat(served.endReason()).contains("served in queue " + otherQueue);
        assertThat(dialsTo(number)).isEmpty();
    }

    @Test
    void aCustomerServedInAQueueWithOtherAgentsKeepsTheCallback() {
        String callbackQueue = queueWithAgent("it-long-served-c");
        String unrelated = queueWithAgent("it-long-served-d");
        asterisk.setMemberPaused(callbackQueue, "Local/" + callbackQueue + "-agent@agents", true, "training");
        String number = newNumber();

        asterisk.abandon(callbackQueue, number, "Quentin", 30);
        Callback callback = awaitStatus(awaitCallback(callbackQueue, number).id(), CallbackStatus.PENDING,
                Duration.ofSeconds(20));
        asterisk.inboundServed(unrelated, number, "Quentin");

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> callbacks.find(callback.id()).orElseThrow().status() == CallbackStatus.PENDING);
    }
}
