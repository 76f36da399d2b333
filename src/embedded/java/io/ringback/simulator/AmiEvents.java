package io.ringback.simulator;

import java.util.Locale;

/**
 * Builds the events and list entries the simulator sends, with the header names, order and
 * privileges of the Asterisk 22 captures in {@code shared/ami-transcripts/}.
 */
final class AmiEvents {

    private static final String AGENT_PRIVILEGE = "agent,all";
    private static final String CALL_PRIVILEGE = "call,all";
    private static final String SYSTEM_PRIVILEGE = "system,all";

    private AmiEvents() {
    }

    static AmiMessage fullyBooted(long uptimeSeconds) {
        return AmiMessage.event("FullyBooted", SYSTEM_PRIVILEGE)
                .add("Uptime", uptimeSeconds)
                .add("LastReload", uptimeSeconds)
                .add("Status", "Fully Booted")
                .build();
    }

    /**
     * The outcome of an answered async Originate: {@code Reason: 4} and the new channel. Asterisk raises
     * it for that channel ({@code ast_manager_event_multichan} in {@code fast_originate}), so it ends with
     * one {@code ChanVariable(<channel>): name=value} line per {@code channelvars} name, unescaped.
     */
    static AmiMessage originateSuccess(OriginateRequest request, Channel channel) {
        AmiMessage.Builder event = originateResponse(request, "Success", channel.name(), 4, channel.uniqueId());
        for (String variable : channel.variables().reportedRawValues()) {
            event.add("ChanVariable(" + channel.name() + ")", variable);
        }
        return event.build();
    }

    /**
     * The outcome of a failed async Originate: the requested channel string and {@code Uniqueid: <unknown>}
     * unless the action set a {@code ChannelId} (asterisk-java-wire.txt).
     */
    static AmiMessage originateFailure(OriginateRequest request, int reason) {
        String uniqueId = request.record().channelId() != null ? request.record().channelId() : CallerId.UNKNOWN;
        return originateResponse(request, "Failure", request.record().channel(), reason, uniqueId).build();
    }

    static AmiMessage queueCallerJoin(Channel caller, String queue, int position, int count) {
        return withChannel(AmiMessage.event("QueueCallerJoin", AGENT_PRIVILEGE), "", caller)
                .add("Queue", queue)
                .add("Position", position)
                .add("Count", count)
                .build();
    }

    static AmiMessage queueCallerLeave(Channel caller, String queue, int position, int count) {
        return withChannel(AmiMessage.event("QueueCallerLeave", AGENT_PRIVILEGE), "", caller)
                .add("Queue", queue)
                .add("Position", position)
                .add("Count", count)
                .build();
    }

    static AmiMessage queueCallerAbandon(Channel caller, String queue, int position, int originalPosition,
            long holdSeconds) {
        return withChannel(AmiMessage.event("QueueCallerAbandon", AGENT_PRIVILEGE), "", caller)
                .add("Queue", queue)
                .add("Position", position)
                .add("OriginalPosition", originalPosition)
                .add("HoldTime", holdSeconds)
                .build();
    }

    static AmiMessage agentCalled(Channel caller, Channel agent, QueueMember member) {
        return agentEvent("AgentCalled", caller, agent, member).build();
    }

    static AmiMessage agentConnect(Channel caller, Channel agent, QueueMember member, long holdSeconds,
            long ringSeconds) {
        return agentEvent("AgentConnect", caller, agent, member)
                .add("HoldTime", holdSeconds)
                .add("RingTime", ringSeconds)
                .build();
    }

    static AmiMessage agentComplete(Channel caller, Channel agent, QueueMember member, long holdSeconds,
            long talkSeconds, String reason) {
        return agentEvent("AgentComplete", caller, agent, member)
                .add("HoldTime", holdSeconds)
                .add("TalkTime", talkSeconds)
                .add("Reason", reason)
                .build();
    }

    /** The dialplan's {@code Dial} rings {@code dest} for {@code caller} (as app_dial reports it). */
    static AmiMessage dialBegin(Channel caller, Channel dest, String dialString) {
        AmiMessage.Builder event = AmiMessage.event("DialBegin", CALL_PRIVILEGE);
        withChannel(event, "", caller);
        withChannel(event, "Dest", dest);
        return event.add("DialString", dialString).build();
    }

    /** The dial ended: {@code DialStatus} ANSWER, NOANSWER, BUSY, CHANUNAVAIL... */
    static AmiMessage dialEnd(Channel caller, Channel dest, String dialStatus) {
        AmiMessage.Builder event = AmiMessage.event("DialEnd", CALL_PRIVILEGE);
        withChannel(event, "", caller);
        withChannel(event, "Dest", dest);
        return event.add("DialStatus", dialStatus).build();
    }

    /** A hangup was asked for (the other Local half or the far end hung up): the channel, then {@code Cause}. */
    static AmiMessage hangupRequest(Channel channel, HangupCause cause) {
        return withChannel(AmiMessage.event("HangupRequest", CALL_PRIVILEGE), "", channel)
                .add("Cause", cause.code())
                .build();
    }

    /** The channel is gone: the channel, {@code Cause} and {@code Cause-txt}. */
    static AmiMessage hangup(Channel channel, HangupCause cause) {
        return withChannel(AmiMessage.event("Hangup", CALL_PRIVILEGE), "", channel)
                .add("Cause", cause.code())
                .add("Cause-txt", cause.text())
                .build();
    }

    static AmiMessage queueMemberStatus(MemberSnapshot member) {
        return memberEvent("QueueMemberStatus", member);
    }

    static AmiMessage queueMemberPause(MemberSnapshot member) {
        return memberEvent("QueueMemberPause", member);
    }

    static AmiMessage queueMemberAdded(MemberSnapshot member) {
        return memberEvent("QueueMemberAdded", member);
    }

    /** The QueueParams entry of a QueueStatus list (no Privilege, ActionID last, as in status.txt). */
    static AmiMessage queueParams(QueueSnapshot queue, String actionId) {
        return AmiMessage.builder()
                .add("Event", "QueueParams")
                .add("Queue", queue.name())
                .add("Max", 0)
                .add("Strategy", "rrmemory")
                .add("Calls", queue.calls())
                .add("Holdtime", queue.holdTime())
                .add("TalkTime", queue.talkTime())
                .add("Completed", queue.completed())
                .add("Abandoned", queue.abandoned())
                .add("ServiceLevel", 0)
                .add("ServicelevelPerf", percent(queue.serviceLevelPerf()))
                .add("ServicelevelPerf2", percent(queue.serviceLevelPerf2()))
                .add("Weight", 0)
                .addIfPresent("ActionID", actionId)
                .build();
    }

    /** A QueueMember entry of a QueueStatus list. */
    static AmiMessage queueMember(MemberSnapshot member, String actionId) {
        return AmiMessage.builder()
                .add("Event", "QueueMember")
                .add("Queue", member.queue())
                .add("Name", member.name())
                .add("Location", member.memberInterface())
                .with(b -> memberState(b, member))
                .add("Wrapuptime", 0)
                .addIfPresent("ActionID", actionId)
                .build();
    }

    /** A QueueEntry (waiting caller) of a QueueStatus list. */
    static AmiMessage queueEntry(String queue, QueueSnapshot.Entry entry, String actionId) {
        Channel caller = entry.channel();
        return AmiMessage.builder()
                .add("Event", "QueueEntry")
                .add("Queue", queue)
                .add("Position", entry.position())
                .add("Channel", caller.name())
                .add("Uniqueid", caller.uniqueId())
                .add("CallerIDNum", caller.callerId().number())
                .add("CallerIDName", caller.callerId().name())
                .add("ConnectedLineNum", caller.callerId().number())
                .add("ConnectedLineName", caller.callerId().name())
                .add("Wait", entry.waitSeconds())
                .add("Priority", 0)
                .addIfPresent("ActionID", actionId)
                .build();
    }

    static AmiMessage queueStatusComplete(int listItems, String actionId) {
        return AmiMessage.builder()
                .add("Event", "QueueStatusComplete")
                .addIfPresent("ActionID", actionId)
                .add("EventList", "Complete")
                .add("ListItems", listItems)
                .build();
    }

    private static AmiMessage.Builder originateResponse(OriginateRequest request, String response, String channel,
            int reason, String uniqueId) {
        OriginateRecord record = request.record();
        AmiMessage.Builder event = AmiMessage.event("OriginateResponse", CALL_PRIVILEGE)
                .addIfPresent("ActionID", record.actionId())
                .add("Response", response)
                .add("Channel", channel);
        if (request.application() != null) {
            event.add("Application", request.application()).add("Data", request.data() == null ? "" : request.data());
        } else {
            event.add("Context", record.context()).add("Exten", record.exten());
        }
        return event.add("Reason", reason)
                .add("Uniqueid", uniqueId)
                .add("CallerIDNum", request.callerId().number())
                .add("CallerIDName", request.callerId().name());
    }

    private static AmiMessage.Builder agentEvent(String name, Channel caller, Channel agent, QueueMember member) {
        AmiMessage.Builder event = AmiMessage.event(name, AGENT_PRIVILEGE);
        withChannel(event, "", caller);
        withChannel(event, "Dest", agent);
        return event.add("Queue", member.queue())
                .add("Interface", member.memberInterface())
                .add("MemberName", member.name());
    }

    /** The member's state, in the header order shared by QueueMember entries and member events. */
    private static void memberState(AmiMessage.Builder builder, MemberSnapshot member) {
        builder.add("StateInterface", member.memberInterface())
                .add("Membership", member.membership())
                .add("Penalty", 0)
                .add("CallsTaken", member.callsTaken())
                .add("LastCall", member.lastCall())
                .add("LastPause", member.lastPause())
                .add("LoginTime", member.loginTime())
                .add("InCall", flag(member.inCall()))
                .add("Status", member.status())
                .add("Paused", flag(member.paused()))
                .add("PausedReason", member.pausedReason());
    }

    private static AmiMessage memberEvent(String name, MemberSnapshot member) {
        return AmiMessage.event(name, AGENT_PRIVILEGE)
                .add("Queue", member.queue())
                .add("MemberName", member.name())
                .add("Interface", member.memberInterface())
                .with(b -> memberState(b, member))
                .add("Ringinuse", 0)
                .add("Wrapuptime", 0)
                .build();
    }

    /**
     * The channel block of Asterisk's channel snapshot, optionally prefixed ({@code Dest}) for the second
     * channel, as {@code ast_manager_build_channel_state_string_prefix} writes it: the fourteen fixed
     * headers, then one {@code <prefix>ChanVariable: name=value} per configured {@code channelvars} name.
     */
    private static AmiMessage.Builder withChannel(AmiMessage.Builder event, String prefix, Channel channel) {
        event.add(prefix + "Channel", channel.name())
                .add(prefix + "ChannelState", channel.state().code())
                .add(prefix + "ChannelStateDesc", channel.state().description())
                .add(prefix + "CallerIDNum", channel.callerId().number())
                .add(prefix + "CallerIDName", channel.callerId().name())
                .add(prefix + "ConnectedLineNum", channel.callerId().number())
                .add(prefix + "ConnectedLineName", channel.callerId().name())
                .add(prefix + "Language", "en")
                .add(prefix + "AccountCode", "")
                .add(prefix + "Context", channel.context())
                .add(prefix + "Exten", channel.exten())
                .add(prefix + "Priority", channel.priority())
                .add(prefix + "Uniqueid", channel.uniqueId())
                .add(prefix + "Linkedid", channel.linkedId());
        for (String variable : channel.variables().reportedValues()) {
            event.add(prefix + "ChanVariable", variable);
        }
        return event;
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
