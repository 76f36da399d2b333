package io.ringback.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places the calls requested by {@code Originate}: looks up what the dialed customer does, reports
 * the outcome after the configured delay, and sends an answered call into its callback queue.
 *
 * <p>An async Originate reports its outcome as an OriginateResponse event to every session; a
 * synchronous one gets its response only when the outcome is known, and no event, as in Asterisk.
 */
final class Originator {

    /** The Originate variable naming the queue an answered callback call joins. */
    private static final String QUEUE_VARIABLE = "CB_QUEUE";

    private static final Logger log = LoggerFactory.getLogger(Originator.class);

    private final BehaviourBook behaviours;
    private final QueueEngine queues;
    private final ChannelFactory channels;
    private final EventSink events;
    private final Timeline timeline;
    private final Duration ringTime;
    private final Duration answerDelay;
    private final List<OriginateRecord> received = new CopyOnWriteArrayList<>();

    Originator(SimulatorConfig config, BehaviourBook behaviours, QueueEngine queues, ChannelFactory channels,
            EventSink events, Timeline timeline) {
        this.behaviours = behaviours;
        this.queues = queues;
        this.channels = channels;
        this.events = events;
        this.timeline = timeline;
        this.ringTime = config.ringTime();
        this.answerDelay = config.answerDelay();
    }

    /**
     * Records the request and schedules its outcome; never blocks.
     *
     * @param syncReply receives the action response of a synchronous Originate; unused for async ones
     */
    void originate(OriginateRequest request, Consumer<AmiMessage> syncReply) {
        OriginateRecord record = request.record();
        received.add(record);
        CustomerBehaviour behaviour = behaviours.next(record.dialedNumber());
        log.info("Originate {} dials {}: the customer will {}", record.actionId(), mask(record.dialedNumber()), behaviour);
        switch (behaviour) {
            case NO_RESPONSE -> {
                // Acknowledged only: no outcome is ever reported.
            }
            case NO_ANSWER -> timeline.after(ringTimeFor(request), () -> fail(request, 3, syncReply));
            case ANSWER -> timeline.after(answerDelay, () -> answer(request, syncReply));
            case BUSY -> timeline.after(answerDelay, () -> fail(request, 5, syncReply));
            case CONGESTION -> timeline.after(answerDelay, () -> fail(request, 8, syncReply));
            case REJECT, UNKNOWN_NUMBER -> timeline.after(answerDelay, () -> fail(request, 0, syncReply));
        }
    }

    /** Every Originate received so far, in order. */
    List<OriginateRecord> received() {
        return List.copyOf(received);
    }

    private void answer(OriginateRequest request, Consumer<AmiMessage> syncReply) {
        Channel channel = channels.answeredOriginate(request);
        if (request.async()) {
            events.publish(AmiEvents.originateSuccess(request, channel));
        } else {
            syncReply.accept(AmiMessage.response("Success", request.record().actionId())
                    .add("Message", "Originate successfully queued")
                    .build());
        }
        if (request.application() == null) {
            String queue = request.record().variables().get(QUEUE_VARIABLE);
            if (queue != null) {
                queues.joinQueue(channel, queue);
            } else {
                queues.firstQueueName().ifPresent(first -> queues.joinQueue(channel, first));
            }
        }
    }

    private void fail(OriginateRequest request, int reason, Consumer<AmiMessage> syncReply) {
        if (request.async()) {
            events.publish(AmiEvents.originateFailure(request, reason));
        } else {
            syncReply.accept(AmiMessage.response("Error", request.record().actionId())
                    .add("Message", "Originate failed")
                    .build());
        }
    }

    /** A customer who does not answer rings for the ring time, cut short by the Originate timeout. */
    private Duration ringTimeFor(OriginateRequest request) {
        Duration timeout = Duration.ofMillis(request.timeoutMillis());
        return timeout.compareTo(ringTime) < 0 ? timeout : ringTime;
    }

    /** Logs only the last four digits of a phone number. */
    private static String mask(String number) {
        int visible = Math.min(4, number.length());
        return "*".repeat(number.length() - visible) + number.substring(number.length() - visible);
    }
}
