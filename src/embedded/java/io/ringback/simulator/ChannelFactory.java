package io.ringback.simulator;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mints channels the way Asterisk names them: Uniqueids {@code <epoch seconds>.<sequence>} and
 * channel names with the 8-digit hex sequence Asterisk appends ({@code Local/9101@outbound-00000002;1}).
 *
 * <p>A Local channel comes as both halves ({@link ChannelPair}). The {@code ;2} half of a Local
 * channel to a customer runs where the dialplan of the captures sends it: context {@code customers},
 * the dialed number without the dial prefix {@code 9} ({@code Local/9101@outbound} rings
 * {@code customers,101}). Its Uniqueid is the {@code ;1} half's with {@code ;2} appended when the
 * Originate set a {@code ChannelId} (Asterisk's {@code ast_unreal_new_channels}), else the next one.
 */
final class ChannelFactory {

    private static final String LOCAL_PREFIX = "Local/";
    /** The context the captures' dialplan rings customers in. */
    private static final String CUSTOMER_CONTEXT = "customers";
    /** The priority at which the answered customer of the captures hangs up ({@code customers,101,3}). */
    private static final int CUSTOMER_HANGUP_PRIORITY = 3;
    /** The priority of a Local queue member's {@code ;2} half while it rings ({@code agents,agent1,2}). */
    private static final int AGENT_DIAL_PRIORITY = 2;

    private final Clock clock;
    private final List<String> reportedVariables;
    private final AtomicLong uniqueIds = new AtomicLong();
    private final AtomicLong channelSequence = new AtomicLong();

    /** @param reportedVariables the {@code channelvars} every channel's events report */
    ChannelFactory(Clock clock, List<String> reportedVariables) {
        this.clock = clock;
        this.reportedVariables = List.copyOf(reportedVariables);
    }

    /**
     * The channels of an answered Originate: the one that runs the requested dialplan (the {@code ;1}
     * half of a Local channel, or the channel of another technology), Up, carrying the Originate's
     * variables; its Uniqueid is the requested {@code ChannelId}, if any. The {@code ;2} half is the
     * customer, Up, where the captured customer hangs up.
     */
    ChannelPair answeredOriginate(OriginateRequest request) {
        OriginateRecord record = request.record();
        String uniqueId = record.channelId() != null ? record.channelId() : nextUniqueId();
        ChannelVariables variables = ChannelVariables.none(reportedVariables).with(record.variables());
        String dialString = record.channel();
        Optional<LocalDial> local = LocalDial.parse(dialString);
        String sequence = nextSequence();
        String name = local.isPresent() ? dialString + "-" + sequence + ";1"
                : otherTechnologyName(dialString, sequence);
        Channel one = new Channel(name, ChannelState.UP, request.callerId(),
                Objects.requireNonNullElse(record.context(), "default"),
                Objects.requireNonNullElse(record.exten(), "s"),
                Objects.requireNonNullElse(record.priority(), "1"),
                uniqueId, uniqueId, variables);
        Channel two = local.map(dial -> customerHalf(dialString + "-" + sequence, dial, one, ChannelState.UP,
                CUSTOMER_HANGUP_PRIORITY, secondUniqueId(record))).orElse(null);
        return new ChannelPair(one, two);
    }

    /**
     * The channels of an Originate the customer did not answer, as originate.txt shows their Hangups:
     * the {@code ;1} half still in the Local channel's own context ({@code outbound,9201,1}) and the
     * {@code ;2} half at the customer. Empty for a technology other than Local (nothing captured).
     */
    Optional<ChannelPair> failedOriginate(OriginateRequest request, ChannelState stateOne, ChannelState stateTwo,
            int customerPriority) {
        OriginateRecord record = request.record();
        String dialString = record.channel();
        return LocalDial.parse(dialString).map(dial -> {
            String uniqueId = record.channelId() != null ? record.channelId() : nextUniqueId();
            ChannelVariables variables = ChannelVariables.none(reportedVariables).with(record.variables());
            String base = dialString + "-" + nextSequence();
            Channel one = new Channel(base + ";1", stateOne, request.callerId(), dial.context(), dial.exten(), "1",
                    uniqueId, uniqueId, variables);
            return new ChannelPair(one, customerHalf(base, dial, one, stateTwo, customerPriority,
                    secondUniqueId(record)));
        });
    }

    /**
     * An inbound customer as in abandon.txt: {@code Local/<queue>@callers}, whose {@code ;2} half is
     * in Queue() at priority 2 and whose {@code ;1} half (priority 1) holds the line.
     */
    ChannelPair inboundCaller(String queue, CallerId callerId) {
        String linkedId = nextUniqueId();
        String uniqueId = nextUniqueId();
        String base = LOCAL_PREFIX + queue + "@callers-" + nextSequence();
        ChannelVariables none = ChannelVariables.none(reportedVariables);
        return new ChannelPair(
                new Channel(base + ";1", ChannelState.UP, callerId, "callers", queue, "1", linkedId, linkedId, none),
                new Channel(base + ";2", ChannelState.UP, callerId, "callers", queue, "2", uniqueId, linkedId, none));
    }

    /**
     * The channels that ring a queue member for {@code caller}: the {@code ;1} half is the
     * {@code DestChannel} of AgentCalled and AgentConnect (in the member's context, at the caller's
     * extension, as in the captures), the {@code ;2} half runs the member's extension. Both carry the
     * variables the caller's channel passes on by inheritance.
     *
     * @param ringing the state of the {@code ;1} half in AgentCalled: Down in the callback captures,
     *                Ringing in abandon.txt
     */
    ChannelPair agentLeg(String memberInterface, Channel caller, ChannelState ringing) {
        ChannelVariables inherited = caller.variables().inherited();
        Optional<LocalDial> local = LocalDial.parse(memberInterface);
        String sequence = nextSequence();
        String context = local.map(LocalDial::context).orElse("default");
        String name = local.isPresent() ? memberInterface + "-" + sequence + ";1"
                : otherTechnologyName(memberInterface, sequence);
        Channel one = new Channel(name, ringing, caller.callerId(), context, caller.exten(), "1", nextUniqueId(),
                caller.linkedId(), inherited);
        Channel two = local.map(dial -> new Channel(memberInterface + "-" + sequence + ";2", ChannelState.RING,
                caller.callerId(), dial.context(), dial.exten(), String.valueOf(AGENT_DIAL_PRIORITY), nextUniqueId(),
                caller.linkedId(), inherited)).orElse(null);
        return new ChannelPair(one, two);
    }

    private Channel customerHalf(String base, LocalDial dial, Channel one, ChannelState state, int priority,
            String uniqueId) {
        return new Channel(base + ";2", state, one.callerId(), CUSTOMER_CONTEXT, dial.customerExten(),
                String.valueOf(priority), uniqueId, one.uniqueId(), one.variables());
    }

    private String secondUniqueId(OriginateRecord record) {
        return record.channelId() != null ? record.channelId() + ";2" : nextUniqueId();
    }

    /** {@code PJSIP/0555@trunk} becomes {@code PJSIP/trunk-00000003}, {@code SIP/peer} {@code SIP/peer-00000003}. */
    private static String otherTechnologyName(String dialString, String sequence) {
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

    /** A Local dial string {@code Local/<exten>@<context>[/options]}. */
    private record LocalDial(String exten, String context) {

        static Optional<LocalDial> parse(String dialString) {
            if (!dialString.regionMatches(true, 0, LOCAL_PREFIX, 0, LOCAL_PREFIX.length())) {
                return Optional.empty();
            }
            String resource = dialString.substring(LOCAL_PREFIX.length());
            int at = resource.indexOf('@');
            String exten = at >= 0 ? resource.substring(0, at) : resource;
            String context = at >= 0 ? resource.substring(at + 1) : "default";
            int options = context.indexOf('/');
            return Optional.of(new LocalDial(exten, options >= 0 ? context.substring(0, options) : context));
        }

        /** The customer's extension: the dialed one without the callback route's prefix 9. */
        String customerExten() {
            return exten.length() > 1 && exten.charAt(0) == '9' ? exten.substring(1) : exten;
        }
    }
}
