package io.ringback.simulator;

/** The Asterisk channel states the simulator reports ({@code ChannelState} / {@code ChannelStateDesc}). */
enum ChannelState {

    DOWN(0, "Down"),
    RING(4, "Ring"),
    RINGING(5, "Ringing"),
    UP(6, "Up"),
    BUSY(7, "Busy");

    private final int code;
    private final String description;

    ChannelState(int code, String description) {
        this.code = code;
        this.description = description;
    }

    int code() {
        return code;
    }

    String description() {
        return description;
    }
}
