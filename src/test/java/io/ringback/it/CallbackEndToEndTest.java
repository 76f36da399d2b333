package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.ringback.callback.Attempt;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackStatus;
import io.ringback.simulator.CustomerBehaviour;
import io.ringback.simulator.OriginateRecord;
import io.ringback.telephony.AmiEventTranslator;
import java.time.Duration;
import java.util.List;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Abandons on the simulated Asterisk, followed through the running application to their end. */
class CallbackEndToEndTest extends RingbackIntegrationTest {

    @Autowired AmiEventTranslator translator;

    @Test
    void anAbandonedCallerIsCalledBackAndReachesAnAgent() {
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);

        asterisk.abandon("support", number, "Alice", 30);

        Callback callback = awaitCallback("support", number);
        Callback connected = awaitStatus(callback.id(), CallbackStatus.CONNECTED, Duration.ofSeconds(40));
        assertThat(connected.endReason()).isEqualTo("the customer reached an agent on attempt 1");
        assertThat(connected.processInstanceKey()).isNotNull();
        assertThat(connected.settingsJson()).contains("\"timeCondition\": \"always\"", "\"maxAttempts\": 3");

        List<Attempt> log = attemptsOf(callback.id());
        assertThat(log).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.CONNECTED);
            assertThat(a.reasonCode()).isEqualTo(4);
            assertThat(a.originateSentAt()).isNotNull();
            assertThat(a.answeredAt()).isNotNull();
            assertThat(a.connectedAt()).isAfterOrEqualTo(a.answeredAt());
            assertThat(a.connectedAgent()).startsWith("Agent");
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
                .containsEntry("CB_CALLBACK_ID", callback.id().toString())
                .containsEntry("CB_ATTEMPT", "1");
    }

    @Test
    void aBusyCustomerIsRetriedAfterTheIntervalAndReachesAnAgent() {
        String queue = queueWithAgent("it-fast-busy");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.BUSY, CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "Bob", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.CONNECTED, Duration.ofSeconds(30));
        assertThat(attemptsOf(callback.id())).extracting(Attempt::outcome, Attempt::reasonCode)
                .containsExactly(tuple(AttemptOutcome.BUSY, 5), tuple(AttemptOutcome.CONNECTED, 4));
        List<OriginateRecord> dials = dialsTo(number);
        assertThat(dials).hasSize(2);
        assertThat(Duration.between(dials.get(0).receivedAt(), dials.get(1).receivedAt()))
                .as("time between attempts").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aCallbackCallThatLeavesTheQueueNeverBecomesACallbackAndTheCustomerIsCalledAgain() {
        String queue = queueWithAgent("it-fast-leaves");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE, CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "Lia", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.CONNECTED, Duration.ofSeconds(40));
        assertThat(callback.endReason()).isEqualTo("the customer reached an agent on attempt 2");
        assertThat(attemptsOf(callback.id())).extracting(Attempt::outcome)
                .containsExactly(AttemptOutcome.ABANDONED_AFTER_ANSWER, AttemptOutcome.CONNECTED);
        assertThat(attemptsOf(callback.id()).getFirst().leftAt()).isNotNull();
        assertThat(callbacks.search(null, queue, null, 10, 0)).as("no callback to our own presented number")
                .singleElement().extracting(Callback::id).isEqualTo(callback.id());
        assertThat(callbacks.search(null, null, "5551234", 10, 0)).isEmpty();
        assertThat(dialsTo(number)).hasSize(2);
    }

    @Test
    void aQueueThatDoesNotCallBackCustomersWhoLeftRecordsTheCallbackAsLeftAfterAnswering() {
        String queue = queueWithAgent("it-noretry-leaves");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE, CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "Mona", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.LEFT_AFTER_ANSWER,
                Duration.ofSeconds(30));
        assertThat(callback.endReason()).contains("hung up before an agent took the call");
        assertThat(dialsTo(number)).hasSize(1);
    }

    @Test
    void aCustomerWhoAnswersAndHangsUpDuringTheMessageIsCalledAgain() {
        String queue = queueWithAgent("it-fast-hangs-up");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER_THEN_HANG_UP, CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "Nico", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.CONNECTED, Duration.ofSeconds(30));
        assertThat(attemptsOf(callback.id())).extracting(Attempt::outcome)
                .containsExactly(AttemptOutcome.ABANDONED_AFTER_ANSWER, AttemptOutcome.CONNECTED);
    }

    @Test
    void aResponseThatDoesNotComeInTimeIsNotARejectionTheCallGoesOnAndIsNotDialedAgain() {
        String queue = queueWithAgent("it-fast-slow-pbx");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);
        asterisk.setOriginateResponses(false);
        try {
            asterisk.abandon(queue, number, "Olga", 20);

            Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.CONNECTED,
                    Duration.ofSeconds(30));
            assertThat(attemptsOf(callback.id())).singleElement().extracting(Attempt::outcome)
                    .isEqualTo(AttemptOutcome.CONNECTED);
            assertThat(dialsTo(number)).hasSize(1);
        } finally {
            asterisk.setOriginateResponses(true);
        }
    }

    @Test
    void aCustomerWhoNeverAnswersEndsExhaustedAfterTheLastAttempt() {
        String queue = queueWithAgent("it-fast-exhaust");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.NO_ANSWER, CustomerBehaviour.CONGESTION,
                CustomerBehaviour.REJECT);

        asterisk.abandon(queue, number, "Carol", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.EXHAUSTED, Duration.ofSeconds(40));
        assertThat(callback.endReason()).isEqualTo("not connected after 3 attempt(s); last outcome FAILED");
        assertThat(attemptsOf(callback.id())).extracting(Attempt::outcome, Attempt::reasonCode).containsExactly(
                tuple(AttemptOutcome.NO_ANSWER, 3), tuple(AttemptOutcome.CONGESTION, 8), tuple(AttemptOutcome.FAILED, 0));
        assertThat(dialsTo(number)).hasSize(3);
    }

    @Test
    void aMissingOriginateResponseFailsTheAttemptAndTheNextOneIsDialed() {
        String queue = queueWithAgent("it-fast-silent");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.NO_RESPONSE, CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "Dave", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.CONNECTED, Duration.ofSeconds(40));
        List<Attempt> log = attemptsOf(callback.id());
        assertThat(log).hasSize(2);
        assertThat(log.get(0).outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(log.get(0).reasonCode()).isNull();
        assertThat(log.get(0).detail()).isEqualTo("no OriginateResponse received");
        assertThat(log.get(1).outcome()).isEqualTo(AttemptOutcome.CONNECTED);
    }

    @Test
    void theTimeLimitEndsACallbackThatCouldNotReachTheCustomerInTime() {
        String queue = queueWithAgent("it-expire");
        asterisk.setMemberPaused(queue, "Local/" + queue + "-agent@agents", true, "away");
        String number = newNumber();

        asterisk.abandon(queue, number, "Pia", 20);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.EXPIRED, Duration.ofSeconds(20));
        assertThat(callback.endReason()).isEqualTo("time limit of 4 s reached after 0 attempt(s)");
        assertThat(dialsTo(number)).isEmpty();
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
        awaitStatus(callback.id(), CallbackStatus.CONNECTED, Duration.ofSeconds(30));
        OriginateRecord dial = dialsTo(number).getFirst();
        assertThat(Duration.ofNanos(System.nanoTime() - unpausedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(dial.variables()).containsEntry("CB_QUEUE", queue);
        // the 2 s idle wait was held by the claim-agent worker, which claimed at the moment the idle time was
        // reached: the model's timer, which the engine fires late, was not used
        List<String> elements = elementsActivatedIn(callInstanceOf(callback.id()).orElseThrow());
        assertThat(elements).doesNotContain("Event_WaitForAgentIdle");
        assertThat(elements.stream().filter("Task_ClaimAgent"::equals).count())
                .as("one claim before the agent was free, one after the nudge (held, then claimed)").isEqualTo(2);
    }

    @Test
    void twoCallbacksAndOneAgentNeverHaveTwoCallsInFlight() {
        String queue = queueWithAgent("it-fast-one-agent");
        String first = newNumber();
        String second = newNumber();
        asterisk.setBehaviour(digits(first), CustomerBehaviour.ANSWER);
        asterisk.setBehaviour(digits(second), CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, first, "Quim", 20);
        asterisk.abandon(queue, second, "Rosa", 20);

        Callback a = awaitStatus(awaitCallback(queue, first).id(), CallbackStatus.CONNECTED, Duration.ofSeconds(40));
        Callback b = awaitStatus(awaitCallback(queue, second).id(), CallbackStatus.CONNECTED, Duration.ofSeconds(40));
        Attempt firstCall = attemptsOf(a.id()).getFirst();
        Attempt secondCall = attemptsOf(b.id()).getFirst();
        Attempt earlier = firstCall.originateSentAt().isBefore(secondCall.originateSentAt()) ? firstCall : secondCall;
        Attempt later = earlier == firstCall ? secondCall : firstCall;
        assertThat(later.originateSentAt()).as("the second call is placed once the agent is free again")
                .isAfterOrEqualTo(earlier.connectedAt());
    }

    @Test
    void theAgentStaysReservedWhileAnAnsweredCustomerHearsTheMessageAndWaitsInTheQueue() {
        String queue = queueWithAgent("it-fast-hold");
        String leaving = newNumber();
        String next = newNumber();
        asterisk.setBehaviour(digits(leaving), CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE, CustomerBehaviour.BUSY);
        asterisk.setBehaviour(digits(next), CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, leaving, "Sara", 20);
        Callback first = awaitCallback(queue, leaving);
        await().atMost(Duration.ofSeconds(20)).until(() -> !attemptsOf(first.id()).isEmpty()
                && attemptsOf(first.id()).getFirst().answeredAt() != null);
        asterisk.abandon(queue, next, "Tito", 20);

        Callback second = awaitStatus(awaitCallback(queue, next).id(), CallbackStatus.CONNECTED, Duration.ofSeconds(30));
        Attempt left = attemptsOf(first.id()).getFirst();
        assertThat(left.leftAt()).isNotNull();
        assertThat(dialsTo(next).getFirst().receivedAt()).as("not dialed while the agent waited for the first customer")
                .isAfterOrEqualTo(left.leftAt().minusMillis(50));
        assertThat(second.status()).isEqualTo(CallbackStatus.CONNECTED);
    }

    @Test
    void theSameAmiAbandonDeliveredTwiceIsOneCallback() {
        String queue = queueWithAgent("it-fast-twice");
        asterisk.setMemberPaused(queue, "Local/" + queue + "-agent@agents", true, "meeting");
        String number = newNumber();
        QueueCallerAbandonEvent abandon = new QueueCallerAbandonEvent(this);
        abandon.setQueue(queue);
        abandon.setUniqueId("1796150000.77");
        abandon.setCallerIdNum(number);
        abandon.setCallerIdName("Ugo");
        abandon.setHoldTime(25);

        translator.handle(abandon); // as a reconnect or a second listener delivers it again
        translator.handle(abandon);

        Callback callback = awaitStatus(awaitCallback(queue, number).id(), CallbackStatus.PENDING, Duration.ofSeconds(20));
        assertThat(callbacks.search(null, queue, number, 10, 0)).hasSize(1);
        assertThat(callback.abandonCount()).isEqualTo(1);
        assertThat(callbacks.abandonIds(callback.id())).containsExactly("1796150000.77");
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
