package io.ringback.simulator;

import org.asteriskjava.manager.action.OriginateAction;

/** The Originate our product sends for a callback, as in callback-leaves-queue.txt. */
final class CallbackOriginate {

    static final String CUSTOMER = "Local/9101@outbound";

    private CallbackOriginate() {
    }

    /** Async, into context callback at priority 1, caller id "Callback" <5551234>, joining {@code queue}. */
    static OriginateAction to(String channel, String queue, String actionId, String channelId) {
        OriginateAction originate = new OriginateAction();
        originate.setChannel(channel);
        originate.setContext("callback");
        originate.setExten("s");
        originate.setPriority(1);
        originate.setAsync(true);
        originate.setTimeout(8_000L);
        originate.setCallerId("\"Callback\" <5551234>");
        originate.setActionId(actionId);
        originate.setChannelId(channelId);
        originate.setVariable("CB_QUEUE", queue);
        return originate;
    }
}
