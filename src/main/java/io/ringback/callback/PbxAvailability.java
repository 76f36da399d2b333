package io.ringback.callback;

import io.ringback.process.CallbackProcess.Signals;
import io.ringback.process.ProcessMessages;
import io.ringback.telephony.PbxEvents.PbxLinkUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the AMI link is (back) up and the agents have been read again, every callback that waits for
 * the PBX continues at once: one {@code pbx-available} signal wakes them all. A signal nobody hears
 * (the engine was unreachable) is made up for by the model's one-minute recheck.
 */
@Component
class PbxAvailability {

    private static final Logger log = LoggerFactory.getLogger(PbxAvailability.class);

    private final CallbackRepository callbacks;
    private final ProcessMessages messages;

    PbxAvailability(CallbackRepository callbacks, ProcessMessages messages) {
        this.callbacks = callbacks;
        this.messages = messages;
    }

    @EventListener
    void on(PbxLinkUp event) {
        int waiting = callbacks.clearWaitingForPbx();
        try {
            messages.broadcastSignal(Signals.PBX_AVAILABLE);
            if (waiting > 0) {
                log.info("The PBX link is up: {} callback(s) waiting for it continue", waiting);
            }
        } catch (RuntimeException e) {
            log.warn("Could not tell the waiting callbacks that the PBX is back ({}); they recheck within a minute",
                    e.toString());
        }
    }
}
