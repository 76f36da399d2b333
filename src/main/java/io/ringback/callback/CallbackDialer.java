package io.ringback.telephony;

import io.ringback.agent.AgentClaimRepository;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.AttemptRepository;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackRepository;
import io.ringback.metrics.CallbackMetrics;
import io.ringback.process.ProcessMessages;
import io.ringback.support.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Places one callback attempt. The attempt row, keyed by (callback, attempt), is written before
 * the Originate is sent: a job delivered again finds the row and dials nothing, whatever happened
 * to the first delivery (in the worst case that attempt then ends without an outcome, as failed).
 */
@Service
public class CallbackDialer {

    private static final Logger log = LoggerFactory.getLogger(CallbackDialer.class);

    private final AmiConnection ami;
    private final OriginateProperties originate;
    private final CallbackRepository callbacks;
    private final AttemptRepository attempts;
    private final AgentClaimRepository claims;
    private final ProcessMessages messages;
    private final CallbackMetrics metrics;
    private final Clock clock;

    public CallbackDialer(AmiConnection ami, OriginateProperties originate, CallbackRepository callbacks,
                          AttemptRepository attempts, AgentClaimRepository claims, ProcessMessages messages,
                          CallbackMetrics metrics, Clock clock) {
        this.ami = ami;
        this.originate = originate;
        this.callbacks = callbacks;
        this.attempts = attempts;
        this.claims = claims;
        this.messages = messages;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** ActionID and ChannelId of an attempt: {@code rb-<callback id>-<attempt>}. */
    public static String actionId(UUID callbackId, int attempt) {
        return AmiEventHandler.actionId(callbackId, attempt);
    }

    /** How long the model waits for this attempt's OriginateResponse. */
    public Duration outcomeTimeout() {
        return originate.timeout().plus(originate.outcomeGrace());
    }

    /**
     * Dials attempt {@code attempt} of the callback, unless that attempt was already started.
     *
     * @return the attempt's ActionID, which the OriginateResponse will carry
     * @throws AmiUnavailableException when AMI is down: nothing was written, the job is retried later
     */
    public String dial(UUID callbackId, int attempt, String queue, String dialPrefix, String callbackMessage) {
        if (!ami.isConnected()) {
            throw new AmiUnavailableException("AMI is not connected (" + ami.state() + ")");
        }
        String actionId = actionId(callbackId, attempt);
        String agent = claims.liveClaimOf(callbackId, clock.instant()).orElse(null);
        if (!attempts.start(callbackId, attempt, actionId, agent)) {
            log.warn("Attempt {} of callback {} was already started; not dialing it again", attempt, callbackId);
            return actionId;
        }
        Callback callback = callbacks.find(callbackId)
                .orElseThrow(() -> new IllegalStateException("no callback " + callbackId));
        String number = callback.phoneNumber();
        var request = new OriginateRequest(actionId, originate.channelFor(dialPrefix, number), Map.of(
                "CB_QUEUE", queue,
                "CB_MESSAGE", callbackMessage == null ? "" : callbackMessage,
                "CB_CALLBACK_ID", callbackId.toString(),
                "CB_ATTEMPT", String.valueOf(attempt)));
        try {
            ami.originate(request, originate);
            attempts.markOriginateSent(actionId, clock.instant());
            if (attempt == 1) {
                metrics.firstAttemptDialed(Duration.between(callback.abandonedAt(), clock.instant()));
            }
            log.info("Attempt {} of callback {}: dialing {} for queue {}", attempt, callbackId,
                    PhoneNumbers.mask(number), queue);
        } catch (OriginateRejectedException e) {
            log.warn("Attempt {} of callback {} failed before dialing: {}", attempt, callbackId, e.getMessage());
            if (attempts.recordOutcome(callbackId, attempt, AttemptOutcome.FAILED, null, e.getMessage())) {
                metrics.attemptEnded(AttemptOutcome.FAILED);
            }
            messages.callOutcome(actionId, AttemptOutcome.FAILED, null, e.getMessage());
        }
        return actionId;
    }
}
