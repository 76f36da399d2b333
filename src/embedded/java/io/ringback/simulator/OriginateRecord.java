package io.ringback.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code Originate} action as the simulator received it, for assertions such as "dialed exactly once".
 *
 * @param actionId      the ActionID exactly as sent; asterisk-java prefixes its own {@code <hash>_<n>#}
 *                      (see {@link #clientActionId()})
 * @param channel       the requested channel, e.g. {@code Local/9101@outbound}
 * @param context       {@code Context} header, or {@code null}
 * @param exten         {@code Exten} header, or {@code null}
 * @param priority      {@code Priority} header, or {@code null}
 * @param callerId      {@code CallerID} header, e.g. {@code "Callback" <5551234>}, or {@code null}
 * @param channelId     {@code ChannelId} header (the Uniqueid the caller asked for), or {@code null}
 * @param timeoutMillis {@code Timeout} header in milliseconds, or {@code null} when absent
 * @param variables     the {@code Variable} headers as name to value, in the order received
 * @param receivedAt    when the action arrived
 */
public record OriginateRecord(
        String actionId,
        String channel,
        String context,
        String exten,
        String priority,
        String callerId,
        String channelId,
        Long timeoutMillis,
        Map<String, String> variables,
        Instant receivedAt) {

    public OriginateRecord {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receivedAt, "receivedAt");
        variables = variables == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * The digits of the channel's resource: {@code Local/9101@outbound} gives {@code 9101},
     * {@code PJSIP/0555@trunk} gives {@code 0555}, {@code SIP/provider/0555} gives {@code 0555}.
     */
    public String dialedNumber() {
        String resource = channel.substring(channel.indexOf('/') + 1);
        int at = resource.indexOf('@');
        if (at >= 0) {
            resource = resource.substring(0, at);
        }
        return PhoneNumbers.digits(resource.substring(resource.lastIndexOf('/') + 1));
    }

    /**
     * The ActionID as the client application chose it: asterisk-java sends {@code <hash>_<n>#<yourId>}
     * and strips everything up to the first {@code #} again; this does the same.
     */
    public String clientActionId() {
        if (actionId == null) {
            return null;
        }
        return actionId.substring(actionId.indexOf('#') + 1);
    }
}
