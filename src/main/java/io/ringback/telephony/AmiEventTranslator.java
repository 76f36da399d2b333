package io.ringback.telephony;

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
 * the order Asterisk sent the events. An event with a field that cannot be trusted (a missing,
 * non-numeric or out-of-range HoldTime or Reason, a missing CallerIDNum, a queue name, Uniqueid,
 * Linkedid, interface or channel variable that breaks its {@link InputRule}) is rejected loudly:
 * logged once with its context and counted in {@code ringback_ami_events_rejected_total}
 * ({@link AmiRejections}), never silently read as something else. A field the event can do without
 * (a caller or member name that is not text) is dropped, counted the same way, and the event kept.
 * A subscriber that fails never stops the next event.
 */
@Component
public class AmiEventTranslator {

    private static final Logger log = LoggerFactory.getLogger(AmiEventTranslator.class);

    /** The longest hold a queue reports that is taken as true (a day), as for abandons posted to the API. */
    static final int MAX_HOLD_SECONDS = 86_400;
    /** Asterisk's reason codes of an OriginateResponse: 0 failed, 1 hung up, 3 no answer, 4 answered, 5 busy, 8 congestion. */
    static final int MAX_REASON = 8;
    /** The longest caller number taken from a PBX, as typed into the API. */
    static final int MAX_CALLER_NUMBER = 40;

    private final ApplicationEventPublisher publisher;
    private final AmiProperties properties;
    private final AmiRejections rejections;
    private final Clock clock;

    public AmiEventTranslator(ApplicationEventPublisher publisher, AmiProperties properties, AmiRejections rejections,
                              Clock clock) {
        this.publisher = publisher;
        this.properties = properties;
        this.rejections = rejections;
        this.clock = clock;
    }

    /** Where rejections are counted and logged (also for the wire guard of {@link AmiConnection}). */
    public AmiRejections rejections() {
        return rejections;
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
                .map(this::memberReport)
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
            case QueueMemberRemovedEvent removed -> validMember(removed, removed.getQueue(), removed.getInterface())
                    .map(q -> new MemberRemoved(q, removed.getInterface()));
            case QueueMemberAddedEvent added -> validMember(added, added.getQueue(), added.getInterface())
                    .map(q -> new MemberReported(new MemberReport(q, added.getInterface(),
                            name(added, "membername", added.getMemberName()), added.getStatus(), added.getPaused(),
                            inCall(added.getInCall()), added.getLastCall(), null, null)));
            case QueueMemberPauseEvent pause -> validMember(pause, pause.getQueue(), pause.getInterface())
                    .map(q -> new MemberReported(new MemberReport(q, pause.getInterface(),
                            name(pause, "membername", pause.getMemberName()), pause.getStatus(), pause.getPaused(),
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
        if (event.getLinkedId() != null && !InputRule.UNIQUE_ID.accepts(event.getLinkedId())) {
            return reject(event, "linkedid", context, "Linkedid " + InputRule.UNIQUE_ID.rule());
        }
        if (event.getHoldTime() == null || event.getHoldTime() < 0 || event.getHoldTime() > MAX_HOLD_SECONDS) {
            return reject(event, "holdtime", context, "HoldTime is missing or not a number of seconds from 0 to "
                    + MAX_HOLD_SECONDS);
        }
        String number = event.getCallerIdNum();
        if (number == null || number.isBlank()) {
            return reject(event, "calleridnum", context, "CallerIDNum is missing");
        }
        if (!InputRule.isText(number) || number.length() > MAX_CALLER_NUMBER) {
            return reject(event, "calleridnum", context, "CallerIDNum must be at most " + MAX_CALLER_NUMBER
                    + " characters without control characters");
        }
        Optional<Map<String, String>> variables = checkedVariables(event, context);
        if (variables.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CallerAbandoned(properties.source(), event.getQueue(), event.getUniqueId(),
                event.getLinkedId(), number, name(event, "calleridname", event.getCallerIdName()),
                event.getHoldTime(), variables.get(), clock.instant()));
    }

    private Optional<PbxEvent> originateResponse(OriginateResponseEvent event) {
        String actionId = event.getActionId();
        if (actionId == null || actionId.isBlank() || !InputRule.isText(actionId) || actionId.length() > 150) {
            return reject(event, "actionid", "Uniqueid " + InputRule.forLog(event.getUniqueId()),
                    "ActionID is missing, or not one this connection sent (asterisk-java's own prefix <n>_<n># is not on it)");
        }
        String context = "ActionID " + InputRule.forLog(actionId);
        if (event.getReason() == null || event.getReason() < 0 || event.getReason() > MAX_REASON) {
            return reject(event, "reason", context, "Reason is missing or not one of Asterisk's codes 0 to " + MAX_REASON);
        }
        String uniqueId = event.getUniqueId();
        if (uniqueId != null && !uniqueId.equals("<unknown>") && !InputRule.UNIQUE_ID.accepts(uniqueId)) {
            return reject(event, "uniqueid", context, "Uniqueid " + InputRule.UNIQUE_ID.rule());
        }
        String response = event.getResponse();
        return Optional.of(new OriginateReported(actionId, event.getReason(),
                response != null && InputRule.isText(response) && response.length() <= 40 ? response : null,
                uniqueId, clock.instant()));
    }

    private Optional<PbxEvent> agentConnected(AgentConnectEvent event) {
        String context = "Uniqueid " + InputRule.forLog(event.getUniqueId()) + ", queue " + InputRule.forLog(event.getQueue());
        if (event.getUniqueId() == null || event.getQueue() == null) {
            return reject(event, "uniqueid", context, "Uniqueid or Queue is missing");
        }
        if (!InputRule.QUEUE.accepts(event.getQueue())) {
            return reject(event, "queue", context, "Queue " + InputRule.QUEUE.rule());
        }
        if (!InputRule.UNIQUE_ID.accepts(event.getUniqueId())
                || (event.getLinkedId() != null && !InputRule.UNIQUE_ID.accepts(event.getLinkedId()))) {
            return reject(event, "uniqueid", context, "Uniqueid and Linkedid " + InputRule.UNIQUE_ID.rule());
        }
        if (event.getInterface() != null && !memberInterface(event.getInterface())) {
            return reject(event, "interface", context, MEMBER_INTERFACE_RULE);
        }
        Optional<Map<String, String>> variables = checkedVariables(event, context);
        if (variables.isEmpty()) {
            return Optional.empty();
        }
        String number = event.getCallerIdNum();
        return Optional.of(new AgentConnected(event.getQueue(), event.getUniqueId(), event.getLinkedId(),
                number != null && InputRule.isText(number) && number.length() <= MAX_CALLER_NUMBER ? number : null,
                event.getInterface(), name(event, "membername", event.getMemberName()), variables.get(),
                clock.instant()));
    }

    /** Only a dial from a channel (the dialplan's Dial); an Originate's own dial has no calling channel. */
    private Optional<PbxEvent> dialEnded(DialEndEvent event) {
        if (event.getUniqueId() == null || event.getChannel() == null || event.getDestChannel() == null) {
            return Optional.empty();
        }
        String context = "Uniqueid " + InputRule.forLog(event.getUniqueId()) + ", DestChannel "
                + InputRule.forLog(event.getDestChannel());
        if (!InputRule.UNIQUE_ID.accepts(event.getUniqueId())
                || (event.getLinkedId() != null && !InputRule.UNIQUE_ID.accepts(event.getLinkedId()))) {
            return reject(event, "uniqueid", context, "Uniqueid and Linkedid " + InputRule.UNIQUE_ID.rule());
        }
        if (!memberInterface(event.getDestChannel())) {
            return reject(event, "destchannel", context,
                    "DestChannel must be a channel name such as PJSIP/1001-0000002a (no space or control character, at most 200)");
        }
        String status = event.getDialStatus();
        if (status != null && (!InputRule.isText(status) || status.length() > 40)) {
            return reject(event, "dialstatus", context, "DialStatus must be a word such as ANSWER or NOANSWER");
        }
        Optional<Map<String, String>> variables = checkedVariables(event, context);
        if (variables.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DialEnded(event.getUniqueId(), event.getLinkedId(), event.getDestChannel(),
                PbxEvents.interfaceOf(event.getDestChannel()), status, variables.get(), clock.instant()));
    }

    private Optional<PbxEvent> hangup(HangupEvent event) {
        String context = "Uniqueid " + InputRule.forLog(event.getUniqueId());
        if (!InputRule.UNIQUE_ID.accepts(event.getUniqueId())
                || (event.getLinkedId() != null && !InputRule.UNIQUE_ID.accepts(event.getLinkedId()))) {
            return reject(event, "uniqueid", context, "Uniqueid and Linkedid " + InputRule.UNIQUE_ID.rule());
        }
        Optional<Map<String, String>> variables = checkedVariables(event, context);
        if (variables.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChannelHungUp(event.getUniqueId(), event.getLinkedId(), event.getCause(),
                variables.get(), clock.instant()));
    }

    private Optional<String> validMember(ManagerEvent event, String queue, String memberInterface) {
        String context = "queue " + InputRule.forLog(queue) + ", interface " + InputRule.forLog(memberInterface);
        if (!InputRule.QUEUE.accepts(queue)) {
            reject(event, "queue", context, "Queue " + InputRule.QUEUE.rule());
            return Optional.empty();
        }
        if (memberInterface == null || !memberInterface(memberInterface)) {
            reject(event, "interface", context, MEMBER_INTERFACE_RULE);
            return Optional.empty();
        }
        return Optional.of(queue);
    }

    /**
     * A member interface as a PBX reports it: text, no space, at most 200. Not the directory's stricter
     * {@link InputRule#INTERFACE}: a member the directory could not hold is still a member whose state counts.
     */
    private static boolean memberInterface(String value) {
        return value.length() <= 200 && !value.isBlank() && InputRule.isText(value) && value.indexOf(' ') < 0;
    }

    private static final String MEMBER_INTERFACE_RULE =
            "Interface must be a queue member interface such as PJSIP/1001 (no space or control character, at most 200)";

    /** A caller or member name, or null (counted) when it is not text a person could read. */
    private String name(ManagerEvent event, String field, String value) {
        if (value == null || InputRule.CALLER_NAME.accepts(value)) {
            return value;
        }
        rejections.reject(type(event), field, "value '" + InputRule.forLog(value) + "'",
                "the name " + InputRule.CALLER_NAME.rule() + "; the event is kept without it");
        return null;
    }

    /**
     * The channel variables, or empty (rejected) when one is not text: they tell the orchestrator's own
     * calls apart, so an event whose variables cannot be read is not guessed at.
     */
    private Optional<Map<String, String>> checkedVariables(ManagerEvent event, String context) {
        Map<String, String> variables = variables(event);
        for (var e : variables.entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue();
            if (!InputRule.isText(e.getKey()) || !InputRule.isText(value) || value.length() > 250) {
                reject(event, "chanvariable", context, "channel variable " + InputRule.forLog(e.getKey())
                        + " is not text of at most 250 characters");
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    private <T> Optional<T> reject(ManagerEvent event, String field, String context, String problem) {
        rejections.reject(type(event), field, context, problem);
        return Optional.empty();
    }

    private static String type(ManagerEvent event) {
        return event.getClass().getSimpleName().replaceFirst("Event$", "");
    }

    private Optional<MemberReport> memberReport(QueueMemberEvent m) {
        String iface = m.getInterface() != null ? m.getInterface() : m.getLocation();
        if (validMember(m, m.getQueue(), iface).isEmpty()) {
            return Optional.empty();
        }
        String name = m.getMemberName() != null ? m.getMemberName() : m.getName();
        return Optional.of(new MemberReport(m.getQueue(), iface, name(m, "membername", name), m.getStatus(), m.getPaused(),
                inCall(m.getIncall()), m.getLastCall(), m.getLastPause(), toLong(m.getLogintime())));
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
