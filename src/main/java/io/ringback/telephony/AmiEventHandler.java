package io.ringback.telephony;

import io.ringback.agent.AgentClaims;
import io.ringback.agent.AgentRegistry;
import io.ringback.agent.MemberReport;
import io.ringback.callback.AbandonedCall;
import io.ringback.callback.AbandonedCallIntake;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.CallbackRepository;
import io.ringback.callback.InvalidAbandonedCallException;
import io.ringback.process.ProcessMessages;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.PhoneNumbers;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Translates AMI events into what they mean for callbacks. Runs on the AMI event thread of
 * {@link AmiConnection} (never asterisk-java's reader thread). A bad event is logged and skipped;
 * it never stops the handling of the next one.
 */
@Component
public class AmiEventHandler {

    /** Prefix of our ActionIDs and ChannelIds: an OriginateResponse or AgentConnect with it is a callback's. */
    public static final String ACTION_PREFIX = "rb-";

    private static final Logger log = LoggerFactory.getLogger(AmiEventHandler.class);

    private final AbandonedCallIntake intake;
    private final CallbackRepository callbacks;
    private final ProcessMessages messages;
    private final AgentRegistry agents;
    private final AgentClaims claims;
    private final Clock clock;

    public AmiEventHandler(AbandonedCallIntake intake, CallbackRepository callbacks, ProcessMessages messages,
                           AgentRegistry agents, AgentClaims claims, Clock clock) {
        this.intake = intake;
        this.callbacks = callbacks;
        this.messages = messages;
        this.agents = agents;
        this.claims = claims;
        this.clock = clock;
    }

    public void handle(ManagerEvent event) {
        try {
            switch (event) {
                case QueueCallerAbandonEvent abandon -> abandoned(abandon);
                case OriginateResponseEvent response -> originateResponse(response);
                case AgentConnectEvent connect -> agentConnected(connect);
                case QueueMemberRemovedEvent removed -> agents.remove(removed.getQueue(), removed.getInterface());
                case QueueMemberAddedEvent added -> agents.report(new MemberReport(added.getQueue(), added.getInterface(),
                        added.getMemberName(), added.getStatus(), added.getPaused(), inCall(added.getInCall()),
                        added.getLastCall(), null, null));
                case QueueMemberPauseEvent pause -> agents.report(new MemberReport(pause.getQueue(), pause.getInterface(),
                        pause.getMemberName(), pause.getStatus(), pause.getPaused(), inCall(pause.getIncall()),
                        pause.getLastcall(), pause.getLastpause(), toLong(pause.getLoginTime())));
                case QueueMemberEvent member -> agents.report(memberReport(member));
                default -> { }
            }
        } catch (RuntimeException e) {
            log.error("Could not handle AMI {}: {}", event.getClass().getSimpleName(), e.toString(), e);
        }
    }

    /** A complete QueueStatus answer: QueueParams, QueueMember..., QueueStatusComplete. */
    public void queueStatus(List<ManagerEvent> events) {
        agents.resync(events.stream()
                .filter(QueueMemberEvent.class::isInstance)
                .map(QueueMemberEvent.class::cast)
                .map(AmiEventHandler::memberReport)
                .toList());
    }

    private void abandoned(QueueCallerAbandonEvent event) {
        int hold = event.getHoldTime() == null ? 0 : event.getHoldTime();
        var call = new AbandonedCall(event.getQueue(), event.getCallerIdNum(), event.getCallerIdName(), hold,
                clock.instant(), event.getUniqueId());
        try {
            intake.accept(call);
        } catch (InvalidAbandonedCallException e) {
            log.warn("Abandon {} in queue {} not taken as a callback: {}", event.getUniqueId(), event.getQueue(),
                    e.fieldErrors());
        }
    }

    private void originateResponse(OriginateResponseEvent event) {
        String actionId = event.getActionId();
        if (actionId == null || !actionId.startsWith(ACTION_PREFIX)) {
            return; // not one of ours
        }
        AttemptOutcome outcome = AttemptOutcome.fromReasonCode(event.getReason());
        String detail = "OriginateResponse " + event.getResponse() + ", reason " + event.getReason();
        try (var logContext = CallbackLogContext.open(callbackIdOf(actionId).map(UUID::toString).orElse("?"))) {
            log.info("Attempt {}: {} ({})", actionId, outcome, detail);
            messages.callOutcome(actionId, outcome, event.getReason(), detail);
        }
    }

    private void agentConnected(AgentConnectEvent event) {
        String uniqueId = Objects.requireNonNullElse(event.getUniqueId(), "");
        if (uniqueId.startsWith(ACTION_PREFIX)) {
            callbackConnected(uniqueId, event);
            return;
        }
        var number = PhoneNumbers.normalise(event.getCallerIdNum());
        if (number.isEmpty() || event.getQueue() == null) {
            return;
        }
        callbacks.findPending(event.getQueue(), number.get()).ifPresent(callbackId -> {
            try (var logContext = CallbackLogContext.open(callbackId)) {
                log.info("Customer {} was served on an inbound call in queue {}: cancelling callback {}",
                    PhoneNumbers.mask(number.get()), event.getQueue(), callbackId);
                messages.customerServed(callbackId, "served-" + uniqueId);
            }
        });
    }

    /** The answered callback call reached an agent: the agent's own state takes over from the claim. */
    private void callbackConnected(String channelId, AgentConnectEvent event) {
        String actionId = channelId.contains(";") ? channelId.substring(0, channelId.indexOf(';')) : channelId;
        callbackIdOf(actionId).ifPresent(callbackId -> {
            try (var logContext = CallbackLogContext.open(callbackId)) {
                log.info("Callback {} connected to agent {} in queue {}", callbackId, event.getMemberName(),
                        event.getQueue());
                claims.release(callbackId);
            }
        });
    }

    /** ActionIDs are {@code rb-<callback id>-<attempt>}. */
    static java.util.Optional<UUID> callbackIdOf(String actionId) {
        try {
            String rest = actionId.substring(ACTION_PREFIX.length(), actionId.lastIndexOf('-'));
            return java.util.Optional.of(UUID.fromString(rest));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    static String actionId(UUID callbackId, int attempt) {
        return ACTION_PREFIX + callbackId + "-" + attempt;
    }

    private static MemberReport memberReport(QueueMemberEvent m) {
        String name = m.getMemberName() != null ? m.getMemberName() : m.getName();
        String iface = m.getInterface() != null ? m.getInterface() : m.getLocation();
        return new MemberReport(m.getQueue(), iface, name, m.getStatus(), m.getPaused(), inCall(m.getIncall()),
                m.getLastCall(), m.getLastPause(), toLong(m.getLogintime()));
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
}
