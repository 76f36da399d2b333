package io.ringback.simulator;

/**
 * The Q.850 causes of the Hangup and HangupRequest events in the captures, with the {@code Cause-txt}
 * Asterisk 22 prints for them ({@code main/channel.c}, {@code causes[]}).
 */
enum HangupCause {

    NOT_DEFINED(0, "Unknown"),
    NORMAL_CLEARING(16, "Normal Clearing"),
    USER_BUSY(17, "User busy"),
    NO_ANSWER(19, "User alerting, no answer"),
    CALL_REJECTED(21, "Call Rejected"),
    CONGESTION(34, "Circuit/channel congestion");

    private final int code;
    private final String text;

    HangupCause(int code, String text) {
        this.code = code;
        this.text = text;
    }

    int code() {
        return code;
    }

    String text() {
        return text;
    }
}
