package io.ringback.simulator;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mints channels the way Asterisk names them: Uniqueids {@code <epoch seconds>.<sequence>} and
 * channel names with the 8-digit hex sequence Asterisk appends ({@code Local/9101@outbound-00000002;1}).
 */
final class ChannelFactory {

    private static final String LOCAL_PREFIX = "Local/";

    private final Clock clock;
    private final AtomicLong uniqueIds = new AtomicLong();
    private final AtomicLong channelSequence = new AtomicLong();

    ChannelFactory(Clock clock) {
        this.clock = clock;
    }

    /**
     * The channel an answered Originate runs its dialplan on: the {@code ;1} half of a Local channel
     * (or the channel of another technology). Its Uniqueid is the requested {@code ChannelId}, if any.
     */
    Channel answeredOriginate(OriginateRequest request) {
        OriginateRecord record = request.record();
        String uniqueId = record.channelId() != null ? record.channelId() : nextUniqueId();
        return new Channel(newChannelName(record.channel()), ChannelState.UP, request.callerId(),
                Objects.requireNonNullElse(record.context(), "default"),
                Objects.requireNonNullElse(record.exten(), "s"),
                Objects.requireNonNullElse(record.priority(), "1"),
                uniqueId, uniqueId);
    }

    /** An inbound customer as in abandon.txt: the {@code ;2} half of {@code Local/<queue>@callers}, in Queue() at priority 2. */
    Channel inboundCaller(String queue, CallerId callerId) {
        String linkedId = nextUniqueId();
        String uniqueId = nextUniqueId();
        String name = LOCAL_PREFIX + queue + "@callers-" + nextSequence() + ";2";
        return new Channel(name, ChannelState.UP, callerId, "callers", queue, "2", uniqueId, linkedId);
    }

    /** The channel that rings a queue member for {@code caller} ({@code DestChannel} of AgentCalled and AgentConnect). */
    Channel agentLeg(String memberInterface, Channel caller) {
        int at = memberInterface.indexOf('@');
        String context = at >= 0 ? memberInterface.substring(at + 1) : "default";
        return new Channel(newChannelName(memberInterface), ChannelState.RINGING, caller.callerId(),
                context, "s", "1", nextUniqueId(), caller.linkedId());
    }

    private String newChannelName(String dialString) {
        String sequence = nextSequence();
        if (dialString.regionMatches(true, 0, LOCAL_PREFIX, 0, LOCAL_PREFIX.length())) {
            return dialString + "-" + sequence + ";1";
        }
        int slash = dialString.indexOf('/');
        String technology = slash >= 0 ? dialString.substring(0, slash) : dialString;
        String resource = dialString.substring(slash + 1);
        int at = resource.indexOf('@');
        String peer = at >= 0 ? resource.substring(at + 1) : resource;
        return technology + "/" + peer + "-" + sequence;
    }

    private String nextUniqueId() {
        return clock.instant().getEpochSecond() + "." + uniqueIds.getAndIncrement();
    }

    private String nextSequence() {
        return "%08x".formatted(channelSequence.getAndIncrement() & 0xFFFF_FFFFL);
    }
}
