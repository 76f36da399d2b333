package io.ringback.callback;

import io.ringback.agent.AgentClaims;
import io.ringback.support.PhoneNumbers;
import io.ringback.telephony.AmiConnection;
import io.ringback.telephony.OriginateProperties;
import io.ringback.telephony.OriginateRequest;
import io.ringback.telephony.OriginateResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places one callback attempt.
 *
 * <ul>
 *   <li>Only with the AMI link up and a live agent claim: otherwise nothing is written and nothing
 *       dialed ({@link CallNotPlacedException}), so an outage never uses up an attempt.
 *   <li>The attempt row, keyed by (callback, attempt), is written before the Originate is sent: a
 *       job delivered again finds the row and dials nothing, whatever happened to the first delivery.
 *   <li>Only {@code Response: Error} is a rejection (the attempt fails at once). A response that did
 *       not come says nothing about the call: the attempt waits for its OriginateResponse, its hangup
 *       or the model's no-outcome timer.
 * </ul>
 */
@Service
public class CallbackDialer {

    private static final Logger log = LoggerFactory.getLogger(CallbackDialer.class);
    /** Added to the ring timeout while holding the agent: the OriginateResponse comes a moment after it. */
    private static final Duration RESPONSE_MARGIN = Duration.ofSeconds(30);

    private final AmiConnection ami;
    private final OriginateProperties originate;
    private final CallbackRepository callbacks;
    private final AttemptRepository attempts;
    private final AgentClaims claims;
    private final CallbackMessages messages;
    private final CallbackMetrics metrics;
    private final PhoneNumbers phones;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CallbackDialer(AmiConnection ami, OriginateProperties originate, CallbackRepository callbacks,
                          AttemptRepository attempts, AgentClaims claims, CallbackMessages messages,
                          CallbackMetrics metrics, PhoneNumbers phones, TransactionTemplate tx, Clock clock) {
        this.ami = ami;
        this.originate = originate;
        this.callbacks = callbacks;
        this.attempts = attempts;
        this.claims = claims;
        this.messages = messages;
        this.metrics = metrics;
        this.phones = phones;
        this.tx = tx;
        this.clock = clock;
    }

    /** ActionID and ChannelId of an attempt: {@code rb-<callback id>-<attempt>}. */
    public static String actionId(UUID callbackId, int attempt) {
        return CallbackCalls.actionId(callbackId, attempt);
    }

    /** How long the model waits for this attempt's OriginateResponse. */
    public Duration outcomeTimeout() {
        return originate.timeout().plus(originate.outcomeGrace());
    }

    /** How long the model waits, after an answer, to hear whether the customer reached an agent. */
    public Duration connectTimeout() {
        return originate.connectTimeout();
    }

    /**
     * Dials attempt {@code attempt} of the callback, unless that attempt was already started.
     *
     * @return the attempt's ActionID, which the OriginateResponse will carry
     * @throws CallNotPlacedException when nothing was dialed and the attempt is not used up
     */
    public String dial(UUID callbackId, int attempt, String queue, String dialPrefix, String callbackMessage) {
        return dial(callbackId, attempt, queue, dialPrefix, callbackMessage, false);
    }

    /**
     * As {@link #dial(UUID, int, String, String, String)}; with {@code toClaimedAgent} the answered
     * customer is connected to the very agent claimed for this callback (its owner, or the agent of its
     * group that was free), not to whoever the queue picks: the channel variable {@code CB_AGENT} carries
     * the agent's interface, which the dialplan's callback context dials before falling back to the
     * queue (docs/asterisk.md). The interface is one the agent directory knows, checked where it entered.
     */
    public String dial(UUID callbackId, int attempt, String queue, String dialPrefix, String callbackMessage,
                       boolean toClaimedAgent) {
        if (!ami.isConnected()) {
            claims.release(callbackId);
            throw new CallNotPlacedException("the AMI link to the PBX is down (" + ami.state() + ")");
        }
        String agent = claims.liveClaimOf(callbackId).orElseThrow(() ->
                new CallNotPlacedException("the agent claim expired before the call was placed; claiming an agent again"));
        String actionId = actionId(callbackId, attempt);
        if (!attempts.start(callbackId, attempt, actionId, agent)) {
            log.warn("Attempt {} of callback {} was already started; not dialing it again", attempt, callbackId);
            return actionId;
        }
        Callback callback = callbacks.find(callbackId)
                .orElseThrow(() -> new IllegalStateException("no callback " + callbackId));
        String number = callback.phoneNumber();
        claims.holdWhileRinging(callbackId, originate.timeout().plus(RESPONSE_MARGIN));
        var request = new OriginateRequest(actionId,
                originate.channelFor(dialPrefix, number, phones.national(number)),
                originate.context(), originate.exten(), originate.priority(), originate.timeout(), originate.callerId(),
                Map.of(CallbackCalls.CALLBACK_ID_VARIABLE, callbackId.toString(),
                        CallbackCalls.ATTEMPT_VARIABLE, String.valueOf(attempt),
                        "CB_QUEUE", queue,
                        CallbackCalls.AGENT_VARIABLE, toClaimedAgent ? agent : "",
                        "CB_MESSAGE", callbackMessage == null ? "" : callbackMessage));
        OriginateResult result = ami.originate(request);
        switch (result) {
            case OriginateResult.NotSent notSent -> {
                attempts.forgetUnsent(actionId);
                claims.release(callbackId);
                log.warn("Attempt {} of callback {} was not placed: {}", attempt, callbackId, notSent.reason());
                throw new CallNotPlacedException(notSent.reason());
            }
            case OriginateResult.Rejected rejected -> {
                attempts.markOriginateSent(actionId, clock.instant());
                boolean first = Boolean.TRUE.equals(tx.execute(s -> {
                    boolean recorded = attempts.recordOutcome(callbackId, attempt, AttemptOutcome.FAILED, null,
                            rejected.message());
                    if (recorded) {
                        messages.callOutcome(actionId, AttemptOutcome.FAILED, null, rejected.message());
                    }
                    return recorded;
                }));
                if (first) {
                    metrics.attemptEnded(AttemptOutcome.FAILED);
                }
                log.warn("Attempt {} of callback {} failed: {}", attempt, callbackId, rejected.message());
            }
            case OriginateResult.Unknown unknown -> {
                attempts.markOriginateSent(actionId, clock.instant());
                log.warn("Attempt {} of callback {}: {}; its outcome is awaited", attempt, callbackId, unknown.reason());
            }
            case OriginateResult.Queued queued -> {
                attempts.markOriginateSent(actionId, clock.instant());
                if (attempt == 1 && callback.abandonedAt() != null) {
                    metrics.firstAttemptDialed(Duration.between(callback.abandonedAt(), clock.instant()));
                }
                log.info("Attempt {} of callback {}: dialing {} for queue {}", attempt, callbackId, phones.mask(number), queue);
            }
        }
        callbacks.dialing(callbackId);
        return actionId;
    }
}
