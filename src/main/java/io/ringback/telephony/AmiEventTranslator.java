package io.ringback.telephony;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringback.support.InputRule;
import io.ringback.telephony.PbxEvents.AgentConnected;
import io.ringback.telephony.PbxEvents.DialEnded;
import io.ringback.telephony.PbxEvents.CallerAbandoned;
import io.ringback.telephony.PbxEvents.ChannelHungUp;
import io.ringback.telephony.PbxEvents.MemberRemoved;
import io.ringback.telephony.PbxEvents.MemberReported;
import io.ringback.telephony.PbxEvents.MembersSnapshot;
import io.ringback.telephony.PbxEvents.OriginateReported;
import io.ringback.telephony.PbxEvents.PbxEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Checks each AMI event and publishes what it means as a {@link PbxEvents} application event.
 * Runs on the AMI event thread of {@link AmiConnection} (never asterisk-java's reader thread), in
 * the order Asterisk sent the events. An event with a field that cannot be trusted (a missing or
 * non-numeric HoldTime, a missing CallerIDNum, a queue name with a line break) is rejected loudly:
 * logged once with its context and counted in {@code ringback_ami_events_rejected_total}, never
 * silently read as something else. A subscriber that fails never stops the next event.
 */
@Component
public class AmiEventTranslator {

    private static final Logger log = LoggerFactory.getLogger(AmiEventTranslator.class);

    private final ApplicationEventPublisher publisher;
    private final AmiProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    public AmiEventTranslator(ApplicationEventPublisher publisher, AmiProperties properties, MeterRegistry meters,
                              Clock clock) {
        this.publisher = publisher;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    public void handle(ManagerEvent event) {
        try {
            translate(event).ifPresent(this::publish);
        } catch (RuntimeException e) {
            log.error("Could not handle AMI {}: {}", event.getClass().getSimpleName(), e.toString(), e);
        }
    }

    /** A complete QueueStatus answer: QueueParams, QueueMember..., QueueStatusComplete. */
    public void queueStatus(List<ManagerEvent> events) {
        publish(new MembersSnapshot(events.stream()
                .filter(QueueMemberEvent.class::isInstance)
                .map(QueueMemberEvent.class::cast)
                .map(AmiEventTranslator::memberReport)
                .flatMap(Optional::stream)
                .toList()));
    }

    public void publish(PbxEvent event) {
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException e) {
            log.error("Handling {} failed: {}", event.getClass().getSimpleName(), e.toString(), e);
        }
    }

    Optional<PbxEvent> translate(ManagerEvent event) {
        return switch (event) {
            case QueueCallerAbandonEvent abandon -> abandoned(abandon);
            case OriginateResponseEvent response -> originateResponse(response);
            case AgentConnectEvent connect -> agentConnected(connect);
            case DialEndEvent dial -> dialEnded(dial);
            case HangupEvent hangup -> hangup(hangup);
            case QueueMemberRemovedEvent removed -> validQueue(removed, removed.getQueue())
                    .map(q -> new MemberRemoved(q, removed.getInterface()));
            case QueueMemberAddedEvent added -> validQueue(added, added.getQueue()).map(q -> new MemberReported(
                    new MemberReport(q, added.getInterface(), added.getMemberName(), added.getStatus(), added.getPaused(),
                            inCall(added.getInCall()), added.getLastCall(), null, null)));
            case QueueMemberPauseEvent pause -> validQueue(pause, pause.getQueue()).map(q -> new MemberReported(
                    new MemberReport(q, pause.getInterface(), pause.getMemberName(), pause.getStatus(), pause.getPaused(),
                            inCall(pause.getIncall()), pause.getLastcall(), pause.getLastpause(),
                            toLong(pause.getLoginTime()))));
            case QueueMemberEvent member -> memberReport(member).map(MemberReported::new);
            default -> Optional.empty();
        };
    }

    private Optional<PbxEvent> abandoned(QueueCallerAbandonEvent event) {
        String context = "Uniqueid " + InputRule.forLog(event.getUniqueId()) + ", queue " + InputRule.forLog(event.getQueue());
        if (!InputRule.QUEUE.accepts(event.getQueue())) {
            return reject(event, "queue", context, "Queue " + InputRule.QUEUE.rule());
        }
        if (!InputRule.UNIQUE_ID.accepts(event.getUniqueId())) {
            return reject(event, "uniqueid", context, "Uniqueid " + InputRule.UNIQUE_ID.rule());
        }
        if (event.getHoldTime() == null || event.getHoldTime() < 0) {
            return reject(event, "holdtime", context, "HoldTime is missing or not a number of seconds");
        }
        if (event.getCallerIdNum() == null || event.getCallerIdNum().isBlank()) {
            return reject(event, "calleridnum", context, "CallerIDNum is missing");
        }
        String name = event.getCallerIdName();
        return Optional.of(new CallerAbandoned(properties.source(), event.getQueue(), event.getUniqueId(),
                event.getLinkedId(), event.getCallerIdNum(), name != null && InputRule.CALLER_NAME.accepts(name) ? name : null,
                event.getHoldTime(), variables(event), clock.instant()));
    }

    private Optional<PbxEvent> originateResponse(OriginateResponseEvent event) {
        if (event.getActionId() == null) {
            return Optional.empty(); // an Originate nobody here sent
        }
        if (event.getReason() == null) {
            return reject(event, "reason", "ActionID " + InputRule.forLog(event.getActionId()),
                    "Reason is missing or not a number");
        }
        return Optional.of(new OriginateReported(event.getActionId(), event.getReason(), event.getResponse(),
                event.getUniqueId(), clock.instant()));
    }

    private Optional<PbxEvent> agentConnected(AgentConnectEvent event) {
        if (event.getUniqueId() == null || event.getQueue() == null) {
            return reject(event, "uniqueid", "queue " + InputRule.forLog(event.getQueue()), "Uniqueid or Queue is missing");
        }
        return Optional.of(new AgentConnected(event.getQueue(), event.getUniqueId(), event.getLinkedId(),
                event.getCallerIdNum(), event.getInterface(), event.getMemberName(), variables(event),
                clock.instant()));
    }

    /** Only a dial from a channel (the dialplan's Dial); an Originate's own dial has no calling channel. */
    private Optional<PbxEvent> dialEnded(DialEndEvent event) {
        if (event.getUniqueId() == null || event.getChannel() == null || event.getDestChannel() == null) {
            return Optional.empty();
        }
        return Optional.of(new DialEnded(event.getUniqueId(), event.getLinkedId(), event.getDestChannel(),
                PbxEvents.interfaceOf(event.getDestChannel()), event.getDialStatus(), variables(event), clock.instant()));
    }

    private Optional<PbxEvent> hangup(HangupEvent event) {
        if (event.getUniqueId() == null) {
            return Optional.empty();
        }
        return Optional.of(new ChannelHungUp(event.getUniqueId(), event.getLinkedId(), event.getCause(),
                variables(event), clock.instant()));
    }

    private Optional<String> validQueue(ManagerEvent event, String queue) {
        if (InputRule.QUEUE.accepts(queue)) {
            return Optional.of(queue);
        }
        reject(event, "queue", "queue " + InputRule.forLog(queue), "Queue " + InputRule.QUEUE.rule());
        return Optional.empty();
    }

    private <T> Optional<T> reject(ManagerEvent event, String field, String context, String problem) {
        String type = event.getClass().getSimpleName().replaceFirst("Event$", "");
        Counter.builder("ringback.ami.events.rejected").description("AMI events rejected because a field cannot be trusted")
                .tag("event", type).tag("field", field).register(meters).increment();
        log.warn("Rejected AMI {} ({}): {}", type, context, problem);
        return Optional.empty();
    }

    private static Optional<MemberReport> memberReport(QueueMemberEvent m) {
        if (!InputRule.QUEUE.accepts(m.getQueue())) {
            return Optional.empty();
        }
        String name = m.getMemberName() != null ? m.getMemberName() : m.getName();
        String iface = m.getInterface() != null ? m.getInterface() : m.getLocation();
        if (iface == null) {
            return Optional.empty();
        }
        return Optional.of(new MemberReport(m.getQueue(), iface, name, m.getStatus(), m.getPaused(), inCall(m.getIncall()),
                m.getLastCall(), m.getLastPause(), toLong(m.getLogintime())));
    }

    private static Boolean inCall(String value) {
        return value == null || value.isBlank() ? null : !value.trim().equals("0");
    }

    private static Boolean inCall(Integer value) {
        return value == null ? null : value != 0;
    }

    private static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    /** Channel variables of an event, never null. */
    static Map<String, String> variables(ManagerEvent event) {
        return event.getChannelVariables() == null ? Map.of() : event.getChannelVariables();
    }
}
