package io.ringback.telephony;

/**
 * What is known right after sending an Originate. Only an explicit {@code Response: Error} is a
 * rejection; a response that did not come in time says nothing about the call (Asterisk may be
 * ringing the customer), so the attempt waits for its OriginateResponse, its hangup or the model's
 * no-outcome timer.
 */
public sealed interface OriginateResult {

    /** Asterisk queued the call: the outcome follows as an OriginateResponse. */
    record Queued() implements OriginateResult {}

    /** Asterisk answered {@code Response: Error}: nothing was dialed. */
    record Rejected(String message) implements OriginateResult {}

    /** Nothing was sent: the AMI link was not connected at that moment. */
    record NotSent(String reason) implements OriginateResult {}

    /** Sent, but no response came (a timeout, the link broke while waiting): the outcome is unknown. */
    record Unknown(String reason) implements OriginateResult {}
}
