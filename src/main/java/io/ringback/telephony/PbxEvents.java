package io.ringback.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened on the PBX, as the AMI reported it. {@link AmiEventTranslator} checks every AMI
 * event and publishes these as Spring application events, on the AMI event thread and in the order
 * Asterisk sent them; the callback and agent logic subscribes. Nothing here knows about callbacks:
 * telling the orchestrator's own calls apart is the subscribers' business.
 */
public final class PbxEvents {

    private PbxEvents() {}

    /** Where each event came from: the {@code ringback.ami.source} name of the PBX. */
    public sealed interface PbxEvent permits CallerAbandoned, OriginateReported, AgentConnected, DialEnded,
            ChannelHungUp, MemberReported, MemberRemoved, MembersSnapshot, PbxLinkUp, PbxLinkDown {}

    /**
     * A caller hung up while waiting in a queue ({@code QueueCallerAbandon}).
     *
     * @param uniqueId the caller channel's Uniqueid; with {@code source} the key of this abandon
     * @param linkedId the Linkedid of the call (the orchestrator's ChannelId for its own callback calls)
     * @param callerNumber as the PBX gave it ({@code <unknown>} for anonymous callers)
     * @param channelVariables the channel variables Asterisk's {@code channelvars} adds to events
     */
    public record CallerAbandoned(String source, String queue, String uniqueId, String linkedId, String callerNumber,
                                  String callerName, int holdTimeSeconds, Map<String, String> channelVariables,
                                  Instant at) implements PbxEvent {}

    /**
     * The outcome of an asynchronous Originate ({@code OriginateResponse}).
     *
     * @param actionId the ActionID as the application sent it (asterisk-java's own prefix removed)
     * @param reason Asterisk's reason code: 4 answered, 5 busy, 3 no answer, 8 congestion, 0/1 failed
     */
    public record OriginateReported(String actionId, int reason, String response, String uniqueId, Instant at)
            implements PbxEvent {}

    /** A queue caller was connected to a member ({@code AgentConnect}). */
    public record AgentConnected(String queue, String uniqueId, String linkedId, String callerNumber,
                                 String memberInterface, String memberName, Map<String, String> channelVariables,
                                 Instant at) implements PbxEvent {}

    /**
     * A channel's {@code Dial} ended ({@code DialEnd} with a calling channel): how the dialplan's dial of
     * an agent went — a callback sent to its owner dials the owner's interface rather than the queue.
     *
     * @param destInterface the dialed interface, the channel name without Asterisk's suffix
     *     ({@code Local/agent1@agents-00000004;1} → {@code Local/agent1@agents}, {@code PJSIP/1001-0000000b} → {@code PJSIP/1001})
     * @param dialStatus {@code ANSWER}, {@code NOANSWER}, {@code BUSY}, {@code CHANUNAVAIL}, ...
     */
    public record DialEnded(String uniqueId, String linkedId, String destChannel, String destInterface,
                            String dialStatus, Map<String, String> channelVariables, Instant at) implements PbxEvent {

        public boolean answered() {
            return "ANSWER".equals(dialStatus);
        }
    }

    /** The interface a channel belongs to: its name without Asterisk's {@code -<sequence>} and {@code ;<half>}. */
    public static String interfaceOf(String channelName) {
        if (channelName == null) {
            return null;
        }
        String name = channelName.replaceFirst(";\\d+$", "");
        return name.replaceFirst("-[0-9a-fA-F]+$", "");
    }

    /** A channel ended ({@code Hangup}). */
    public record ChannelHungUp(String uniqueId, String linkedId, Integer cause, Map<String, String> channelVariables,
                                Instant at) implements PbxEvent {}

    /** A queue member's state as one member event reported it. */
    public record MemberReported(MemberReport member) implements PbxEvent {}

    /** A member left a queue ({@code QueueMemberRemoved}). */
    public record MemberRemoved(String queue, String memberInterface) implements PbxEvent {}

    /** Every member of every queue, from the {@code QueueStatus} read at each (re)connect. */
    public record MembersSnapshot(List<MemberReport> members) implements PbxEvent {}

    /**
     * The AMI link is up and the members have been read again.
     *
     * @param outage how long the link was down, zero at the first connect
     */
    public record PbxLinkUp(boolean reconnect, Duration outage) implements PbxEvent {}

    /** The AMI link went down: nothing can be dialed and nothing is heard until {@link PbxLinkUp}. */
    public record PbxLinkDown(Instant at) implements PbxEvent {}
}
