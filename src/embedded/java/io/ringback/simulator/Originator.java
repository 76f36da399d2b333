package io.ringback.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places the calls requested by {@code Originate}: looks up what the dialed customer does, reports
 * the outcome after the configured delay, and sends an answered call through the callback dialplan
 * into its callback queue.
 *
 * <p>An async Originate reports its outcome as an OriginateResponse event to every session; a
 * synchronous one gets its response only when the outcome is known, and no event, as in Asterisk.
 * The channel events (Hangups) go to every session either way.
 *
 * <p>The callback dialplan is the one of {@code docker/asterisk/extensions.conf} and the captures:
 * from the Originate's priority {@code p} (1 in the captures) it answers, plays the callback message
 * at {@code p+2} for the configured message duration, and runs {@code Queue()} at {@code p+3} — or,
 * with {@code CB_AGENT} set, first {@code Dial()}s that agent and joins the queue only when the agent
 * does not answer.
 */
final class Originator {

    /** The Originate variable naming the queue an answered callback call joins. */
    private static final String QUEUE_VARIABLE = "CB_QUEUE";
    /** The Originate variable naming the agent interface an answered sticky callback dials first. */
    private static final String AGENT_VARIABLE = "CB_AGENT";
    /** Priority of the callback message ({@code Playback}) after the Originate's priority. */
    private static final int MESSAGE_STEP = 2;
    /** Priority of {@code Queue()} after the Originate's priority (4 in the captures). */
    private static final int QUEUE_STEP = 3;
    /** Priority of {@code Dial(${CB_AGENT})} after the Originate's priority in docker/asterisk/extensions.conf. */
    private static final int DIAL_STEP = 4;

    private static final Logger log = LoggerFactory.getLogger(Originator.class);

    private final BehaviourBook behaviours;
    private final QueueEngine queues;
    private final ChannelFactory channels;
    private final EventSink events;
    private final Timeline timeline;
    private final Duration ringTime;
    private final Duration answerDelay;
    private final Duration messageDuration;
    private final List<OriginateRecord> received = new CopyOnWriteArrayList<>();
    private final Calls calls;
    private final Clock clock;

    Originator(SimulatorConfig config, BehaviourBook behaviours, QueueEngine queues, ChannelFactory channels,
            EventSink events, Timeline timeline, Calls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
        this.behaviours = behaviours;
        this.queues = queues;
        this.channels = channels;
        this.events = events;
        this.timeline = timeline;
        this.ringTime = config.ringTime();
        this.answerDelay = config.answerDelay();
        this.messageDuration = config.messageDuration();
    }

    /**
     * Records the request and schedules its outcome; never blocks.
     *
     * @param syncReply receives the action response of a synchronous Originate; unused for async ones
     */
    void originate(OriginateRequest request, Consumer<AmiMessage> syncReply) {
        OriginateRecord record = request.record();
        received.add(record);
        calls.originated(record);
        CustomerBehaviour behaviour = behaviours.next(record.dialedNumber());
        log.info("Originate {} dials {}: the customer will {}", record.actionId(), mask(record.dialedNumber()),
                behaviour);
        switch (behaviour) {
            case NO_RESPONSE -> {
                // Acknowledged only: no outcome is ever reported.
            }
            case NO_ANSWER ->
                    timeline.after(ringTimeFor(request), () -> fail(request, FailedCall.NO_ANSWER, syncReply));
            case ANSWER, ANSWER_THEN_LEAVE_QUEUE, ANSWER_THEN_HANG_UP ->
                    timeline.after(answerDelay, () -> answer(request, behaviour, syncReply));
            case BUSY -> timeline.after(answerDelay, () -> fail(request, FailedCall.BUSY, syncReply));
            case CONGESTION -> timeline.after(answerDelay, () -> fail(request, FailedCall.CONGESTION, syncReply));
            case REJECT -> timeline.after(answerDelay, () -> fail(request, FailedCall.REJECTED, syncReply));
            case UNKNOWN_NUMBER ->
                    timeline.after(answerDelay, () -> fail(request, FailedCall.UNKNOWN_NUMBER, syncReply));
        }
    }

    /** Every Originate received so far, in order. */
    List<OriginateRecord> received() {
        return List.copyOf(received);
    }

    /**
     * Reason 4; an Originate into the dialplan then plays the message and joins the queue, or the
     * customer hangs up halfway through the message. An Originate running an Application does neither.
     */
    private void answer(OriginateRequest request, CustomerBehaviour behaviour, Consumer<AmiMessage> syncReply) {
        ChannelPair call = channels.answeredOriginate(request);
        if (request.async()) {
            events.publish(AmiEvents.originateSuccess(request, call.one()));
        } else {
            syncReply.accept(AmiMessage.response("Success", request.record().actionId())
                    .add("Message", "Originate successfully queued")
                    .build());
        }
        if (request.application() != null) {
            return;
        }
        int start = startPriority(request.record());
        if (behaviour == CustomerBehaviour.ANSWER_THEN_HANG_UP) {
            timeline.after(messageDuration.dividedBy(2), () -> hangUpDuringMessage(call, start + MESSAGE_STEP));
            return;
        }
        Optional<String> queue = Optional.ofNullable(request.record().variables().get(QUEUE_VARIABLE))
                .or(queues::firstQueueName);
        ChannelPair inQueue = new ChannelPair(call.one().atPriority(start + QUEUE_STEP), call.two());
        boolean membersAnswer = behaviour != CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE;
        String agent = request.record().variables().getOrDefault(AGENT_VARIABLE, "");
        if (!agent.isBlank() && membersAnswer) {
            ChannelPair dialing = new ChannelPair(call.one().atPriority(start + DIAL_STEP), call.two());
            queue.ifPresent(name -> timeline.after(messageDuration,
                    () -> queues.dialAgent(QueueCaller.callback(dialing, true), agent, name, agentRingTime())));
            return;
        }
        queue.ifPresentOrElse(name -> timeline.after(messageDuration,
                () -> queues.joinQueue(QueueCaller.callback(inQueue, membersAnswer), name)),
                () -> log.warn("Answered call {} has no queue to join (no {} variable, no queue configured)",
                        call.one().uniqueId(), QUEUE_VARIABLE));
    }

    /** The customer hangs up: HangupRequest of the caller channel, Hangup of both halves (cause 16). */
    private void hangUpDuringMessage(ChannelPair call, int messagePriority) {
        Channel one = call.one().atPriority(messagePriority);
        queues.atomically(() -> {
            events.publish(AmiEvents.hangupRequest(one, HangupCause.NORMAL_CLEARING));
            call.second().ifPresent(two -> events.publish(AmiEvents.hangup(two, HangupCause.NORMAL_CLEARING)));
            events.publish(AmiEvents.hangup(one, HangupCause.NORMAL_CLEARING));
            calls.ended(one.uniqueId(), clock.instant(), "hung up during the message");
        });
    }

    /** The outcome and, over a Local channel, the Hangups of both halves in the captured order. */
    private void fail(OriginateRequest request, FailedCall failure, Consumer<AmiMessage> syncReply) {
        Optional<ChannelPair> call = channels.failedOriginate(request, failure.stateOne(), failure.stateTwo(),
                failure.customerPriority());
        queues.atomically(() -> {
            for (FailedCall.Step step : failure.steps()) {
                if (step.isResponse()) {
                    respondFailure(request, failure.reason(), syncReply);
                } else {
                    call.ifPresent(halves -> events.publish(step.event(halves)));
                }
            }
            calls.ended(request.record().channelId(), clock.instant(), "not answered: " + failure);
        });
    }

    private void respondFailure(OriginateRequest request, int reason, Consumer<AmiMessage> syncReply) {
        if (request.async()) {
            events.publish(AmiEvents.originateFailure(request, reason));
        } else {
            syncReply.accept(AmiMessage.response("Error", request.record().actionId())
                    .add("Message", "Originate failed")
                    .build());
        }
    }

    /** {@code Dial(${CB_AGENT},20)}: an agent who does not answer rings for the ring time, at most 20 s. */
    private Duration agentRingTime() {
        Duration dialTimeout = Duration.ofSeconds(20);
        return ringTime.compareTo(dialTimeout) < 0 ? ringTime : dialTimeout;
    }

    /** A customer who does not answer rings for the ring time, cut short by the Originate timeout. */
    private Duration ringTimeFor(OriginateRequest request) {
        Duration timeout = Duration.ofMillis(request.timeoutMillis());
        return timeout.compareTo(ringTime) < 0 ? timeout : ringTime;
    }

    /** The Originate's {@code Priority} (validated as digits), 1 when absent or out of range. */
    private static int startPriority(OriginateRecord record) {
        try {
            return record.priority() == null ? 1 : Integer.parseInt(record.priority());
        } catch (NumberFormatException outOfRange) {
            return 1;
        }
    }

    /** Logs only the last four digits of a phone number. */
    private static String mask(String number) {
        int visible = Math.min(4, number.length());
        return "*".repeat(number.length() - visible) + number.substring(number.length() - visible);
    }
}
