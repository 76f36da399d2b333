package io.ringback.telephony;

import java.time.Duration;
import java.util.Map;

/**
 * One callback dial. {@code actionId} identifies the attempt: it is the AMI ActionID (the
 * OriginateResponse carries it back) and the new channel's ChannelId (every later event of the call
 * carries it as Uniqueid or Linkedid).
 *
 * @param channel the dial string, e.g. {@code PJSIP/9+5511912340001@trunk}
 * @param variables channel variables for the dialplan ({@code CB_QUEUE}, {@code CB_MESSAGE}, ...)
 */
public record OriginateRequest(String actionId, String channel, String context, String exten, int priority,
                               Duration timeout, String callerId, Map<String, String> variables) {}
