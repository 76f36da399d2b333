package io.ringback.simulator;

import java.util.List;

/**
 * How an unanswered Originate over a Local channel ends, as originate.raw shows it: the {@code Reason}
 * of its OriginateResponse and, in the captured order around it, the HangupRequest and Hangup events
 * of the channel's two halves ({@code ;1} in the Local channel's own context, {@code ;2} at the
 * customer). The captures show these at the same millisecond in more than one order; this is one of
 * them.
 */
enum FailedCall {

    /** Busy(): Reason 5; the customer's half is Busy and goes with cause 17. */
    BUSY(5, ChannelState.DOWN, ChannelState.BUSY, 1, List.of(Step.RESPONSE,
            Step.requestTwo(HangupCause.NOT_DEFINED), Step.hangupOne(HangupCause.NOT_DEFINED),
            Step.hangupTwo(HangupCause.USER_BUSY))),

    /** Rings out: both halves go with cause 19, then Reason 3. */
    NO_ANSWER(3, ChannelState.RINGING, ChannelState.RING, 2, List.of(
            Step.requestTwo(HangupCause.NO_ANSWER), Step.hangupTwo(HangupCause.NO_ANSWER),
            Step.hangupOne(HangupCause.NO_ANSWER), Step.RESPONSE)),

    /** Congestion(): Reason 8; the customer's half goes with cause 34. */
    CONGESTION(8, ChannelState.DOWN, ChannelState.BUSY, 1, List.of(
            Step.requestTwo(HangupCause.NOT_DEFINED), Step.RESPONSE, Step.hangupOne(HangupCause.NOT_DEFINED),
            Step.hangupTwo(HangupCause.CONGESTION))),

    /** Hangup(21) before answer: Reason 0, both halves go with cause 21. */
    REJECTED(0, ChannelState.DOWN, ChannelState.RING, 1, List.of(Step.RESPONSE,
            Step.requestOne(HangupCause.CALL_REJECTED), Step.hangupTwo(HangupCause.CALL_REJECTED),
            Step.hangupOne(HangupCause.CALL_REJECTED))),

    /** No such number: Reason 0, both halves go with cause 0. */
    UNKNOWN_NUMBER(0, ChannelState.DOWN, ChannelState.RING, 1, List.of(
            Step.requestOne(HangupCause.NOT_DEFINED), Step.hangupTwo(HangupCause.NOT_DEFINED), Step.RESPONSE,
            Step.hangupOne(HangupCause.NOT_DEFINED)));

    /**
     * One event of the sequence: the OriginateResponse, or a HangupRequest or Hangup of one half.
     *
     * @param half 0 for the OriginateResponse, 1 or 2 for a half
     */
    record Step(int half, boolean request, HangupCause cause) {

        static final Step RESPONSE = new Step(0, false, null);

        static Step requestOne(HangupCause cause) {
            return new Step(1, true, cause);
        }

        static Step requestTwo(HangupCause cause) {
            return new Step(2, true, cause);
        }

        static Step hangupOne(HangupCause cause) {
            return new Step(1, false, cause);
        }

        static Step hangupTwo(HangupCause cause) {
            return new Step(2, false, cause);
        }

        boolean isResponse() {
            return half == 0;
        }

        /** The HangupRequest or Hangup of its half. */
        AmiMessage event(ChannelPair channels) {
            Channel channel = half == 1 ? channels.one() : channels.two();
            return request ? AmiEvents.hangupRequest(channel, cause) : AmiEvents.hangup(channel, cause);
        }
    }

    private final int reason;
    private final ChannelState stateOne;
    private final ChannelState stateTwo;
    private final int customerPriority;
    private final List<Step> steps;

    FailedCall(int reason, ChannelState stateOne, ChannelState stateTwo, int customerPriority, List<Step> steps) {
        this.reason = reason;
        this.stateOne = stateOne;
        this.stateTwo = stateTwo;
        this.customerPriority = customerPriority;
        this.steps = steps;
    }

    int reason() {
        return reason;
    }

    /** The state of the {@code ;1} half when it hangs up. */
    ChannelState stateOne() {
        return stateOne;
    }

    /** The state of the customer's {@code ;2} half when it hangs up. */
    ChannelState stateTwo() {
        return stateTwo;
    }

    /** The customer's dialplan priority when it hangs up. */
    int customerPriority() {
        return customerPriority;
    }

    List<Step> steps() {
        return steps;
    }
}
