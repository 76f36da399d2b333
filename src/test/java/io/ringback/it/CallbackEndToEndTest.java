package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.callback.Attempt;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackStatus;
import io.ringback.simulator.CustomerBehaviour;
import io.ringback.simulator.OriginateRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Abandons on the simulated Asterisk, followed through the running application to their end. */
class CallbackEndToEndTest extends RingbackIntegrationTest {

    @Test
    void anAbandonedCallerIsCalledBackAndAnswers() {
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);

        asterisk.abandon("support", number, "Alice", 30);

        Callback callback = awaitCallback("support", number);
        Callback answered = awaitStatus(callback.id(), CallbackStatus.ANSWERED, Duration.ofSeconds(40));
        assertThat(answered.endReason()).isEqualTo("answered on attempt 1");
        assertThat(answered.processInstanceKey()).isNotNull();
        assertThat(answered.settingsJson()).contains("\"timeCondition\": \"always\"", "\"maxAttempts\": 3");

        List<Attempt> log = attemptsOf(callback.id());
        assertThat(log).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.ANSWERED);
            assertThat(a.reasonCode()).isEqualTo(4);
            assertThat(a.originateSentAt()).isNotNull();
            assertThat(a.agentInterface()).startsWith("Local/agent");
        });
        OriginateRecord dial = dialsTo(number).getFirst();
        assertThat(dialsTo(number)).hasSize(1);
        assertThat(dial.channel()).isEqualTo("Local/9" + number + "@outbound");
        assertThat(dial.context()).isEqualTo("callback");
        assertThat(dial.exten()).isEqualTo("s");
        assertThat(dial.channelId()).isEqualTo(log.getFirst().actionId());
        assertThat(dial.variables()).containsEntry("CB_QUEUE", "support")
                .containsEntry("CB_MESSAGE", "custom/callback-support")
                .containsEntry("CB_CALLBACK_ID", callback.id().toString());
    }

    @Test
    void aBusyCustomerIsRetriedAfterTheIntervalAndAnswers() {
        String queue = queueWithAgent("it-fast-busy");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.BUSY, CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "Bob", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.ANSWERED, Duration.ofSeconds(30));
        assertThat(attemptsOf(callback.id())).extracting(Attempt::outcome, Attempt::reasonCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AttemptOutcome.BUSY, 5),
                        org.assertj.core.groups.Tuple.tuple(AttemptOutcome.ANSWERED, 4));
        List<OriginateRecord> dials = dialsTo(number);
        assertThat(dials).hasSize(2);
        assertThat(Duration.between(dials.get(0).receivedAt(), dials.get(1).receivedAt()))
                .as("time between attempts").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aCustomerWhoNeverAnswersEndsExhaustedAfterTheLastAttempt() {
        String queue = queueWithAgent("it-fast-exhaust");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.NO_ANSWER, CustomerBehaviour.CONGESTION,
                CustomerBehaviour.REJECT);

        asterisk.abandon(queue, number, "Carol", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.EXHAUSTED, Duration.ofSeconds(40));
        assertThat(callback.endReason()).isEqualTo("not answered after 3 attempt(s); last outcome FAILED");
        assertThat(attemptsOf(callback.id())).extracting(Attempt::outcome, Attempt::reasonCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AttemptOutcome.NO_ANSWER, 3),
                org.assertj.core.groups.Tuple.tuple(AttemptOutcome.CONGESTION, 8),
                org.assertj.core.groups.Tuple.tuple(AttemptOutcome.FAILED, 0));
        assertThat(dialsTo(number)).hasSize(3);
    }

    @Test
    void aMissingOriginateResponseFailsTheAttemptAndTheNextOneIsDialed() {
        String queue = queueWithAgent("it-fast-silent");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.NO_RESPONSE, CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "Dave", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.ANSWERED, Duration.ofSeconds(40));
        List<Attempt> log = attemptsOf(callback.id());
        assertThat(log).hasSize(2);
        assertThat(log.get(0).outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(log.get(0).reasonCode()).isNull();
        assertThat(log.get(0).detail()).isEqualTo("no OriginateResponse received");
        assertThat(log.get(1).outcome()).isEqualTo(AttemptOutcome.ANSWERED);
    }

    @Test
    void withNoAgentAvailableTheCallbackWaitsAndDialsOnceAnAgentHasBeenIdleLongEnough() {
        String queue = queueWithAgent("it-idle-wait");
        String agent = "Local/" + queue + "-agent@agents";
        asterisk.setMemberPaused(queue, agent, true, "lunch");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "Erin", 20);

        Callback callback = awaitCallback(queue, number);
        await().atMost(Duration.ofSeconds(20)).until(() -> callbacks.find(callback.id()).orElseThrow().waitingForAgent());
        assertThat(dialsTo(number)).isEmpty();

        long unpausedAt = System.nanoTime();
        asterisk.setMemberPaused(queue, agent, false, "");
        awaitStatus(callback.id(), CallbackStatus.ANSWERED, Duration.ofSeconds(30));
        OriginateRecord dial = dialsTo(number).getFirst();
        assertThat(Duration.ofNanos(System.nanoTime() - unpausedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(dial.variables()).containsEntry("CB_QUEUE", queue);
    }

    @Test
    void aCustomerServedOnAnInboundCallIsNotCalledBack() {
        String queue = queueWithAgent("it-fast-served");
        asterisk.setMemberPaused(queue, "Local/" + queue + "-agent@agents", true, "meeting");
        String number = newNumber();

        asterisk.abandon(queue, number, "Frank", 20);
        Callback callback = awaitCallback(queue, number);
        awaitStatus(callback.id(), CallbackStatus.PENDING, Duration.ofSeconds(20));

        asterisk.inboundServed(queue, number, "Frank");

        Callback served = awaitStatus(callback.id(), CallbackStatus.SERVED_INBOUND, Duration.ofSeconds(20));
        assertThat(served.endReason()).contains("called in again and was served in queue " + queue);
        assertThat(dialsTo(number)).isEmpty();
    }

    @Test
    void aSecondAbandonFromTheSameNumberJoinsThePendingCallback() {
        String queue = queueWithAgent("it-fast-join");
        asterisk.setMemberPaused(queue, "Local/" + queue + "-agent@agents", true, "meeting");
        String number = newNumber();

        String first = asterisk.abandon(queue, number, "Grace", 20);
        Callback callback = awaitCallback(queue, number);
        awaitStatus(callback.id(), CallbackStatus.PENDING, Duration.ofSeconds(20));
        String second = asterisk.abandon(queue, number, "Grace", 45);

        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.find(callback.id()).orElseThrow().abandonCount() == 2);
        assertThat(callbacks.search(null, queue, number, 10, 0)).singleElement()
                .extracting(Callback::id).isEqualTo(callback.id());
        assertThat(callbacks.abandonIds(callback.id())).containsExactly(first, second);
    }

    @Test
    void aCallerWhoHungUpTooSoonIsRecordedAsNotEligible() {
        String number = newNumber();

        asterisk.abandon("support", number, "Heidi", 2);

        Callback callback = awaitStatus(awaitCallback("support", number).id(), CallbackStatus.NOT_ELIGIBLE,
                Duration.ofSeconds(20));
        assertThat(callback.endReason()).isEqualTo("caller waited 2 s; queue support calls back after at least 5 s");
        assertThat(dialsTo(number)).isEmpty();
    }

    @Test
    void anAbandonInAQueueWithCallbacksSwitchedOffIsRecordedAsDisabled() {
        String number = newNumber();

        asterisk.abandon("billing", number, "Ivan", 60);

        Callback callback = awaitStatus(awaitCallback("billing", number).id(), CallbackStatus.DISABLED,
                Duration.ofSeconds(20));
        assertThat(callback.endReason()).isEqualTo("callbacks are disabled for queue billing");
    }
}
