package io.ringback.telephony;

import java.util.Map;

/**
 * One callback dial. {@code actionId} identifies the attempt: it is the AMI ActionID (the
 * OriginateResponse carries it back) and the new channel's ChannelId.
 */
public record OriginateRequest(String actionId, String channel, Map<String, String> variables) {}
