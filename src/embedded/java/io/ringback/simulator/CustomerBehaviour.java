package io.ringback.simulator;

/**
 * What the dialed customer does when the simulator receives an {@code Originate}. The reasons are
 * those a real Asterisk 22 reports over Local channels (see {@code ami-transcripts/originate.txt}).
 */
public enum CustomerBehaviour {

    /**
     * Picks up: {@code Response: Success}, {@code Reason: 4}; after the callback message the call joins
     * the callback queue, is connected to a free member and, after the talk time, the customer hangs up.
     */
    ANSWER,

    /**
     * Picks up ({@code Reason: 4}), joins the callback queue after the message, waits there while a
     * member is rung (who never answers) and hangs up after the configured time: QueueCallerAbandon,
     * QueueCallerLeave and the Hangups of callback-leaves-queue.txt.
     */
    ANSWER_THEN_LEAVE_QUEUE,

    /**
     * Picks up ({@code Reason: 4}) and hangs up halfway through the callback message, before joining
     * the queue: the Hangups of both Local channel halves (cause 16), no queue events.
     */
    ANSWER_THEN_HANG_UP,

    /** Line busy: {@code Response: Failure}, {@code Reason: 5}. */
    BUSY,

    /** Rings until the ring time or the Originate {@code Timeout} runs out: {@code Reason: 3}. */
    NO_ANSWER,

    /** Network congestion: {@code Reason: 8}. */
    CONGESTION,

    /** Rejected before answer ({@code Hangup(21)} over a Local channel arrives as {@code Reason: 0}). */
    REJECT,

    /** No such number / no route: {@code Reason: 0}. */
    UNKNOWN_NUMBER,

    /** The Originate is acknowledged but no {@code OriginateResponse} ever follows (to test timeouts). */
    NO_RESPONSE
}
