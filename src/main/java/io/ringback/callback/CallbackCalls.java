package io.ringback.callback;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The orchestrator's own calls. Every attempt is originated with ActionID and ChannelId
 * {@code rb-<callback id>-<attempt>} and the channel variables {@code CB_CALLBACK_ID} and
 * {@code CB_ATTEMPT}; every later event of that call carries the ChannelId as Uniqueid (the
 * {@code ;2} half of a Local channel adds {@code ;2}) or Linkedid, or the variables (with
 * {@code channelvars} in manager.conf). Such an event is never a customer's own call: it never
 * starts or joins a callback.
 */
public final class CallbackCalls {

    public static final String PREFIX = "rb-";
    public static final String CALLBACK_ID_VARIABLE = "CB_CALLBACK_ID";
    public static final String ATTEMPT_VARIABLE = "CB_ATTEMPT";
    /** The interface of the agent the answered customer is connected to (empty: whoever the queue picks). */
    public static final String AGENT_VARIABLE = "CB_AGENT";

    /** One attempt of one callback. */
    public record AttemptRef(UUID callbackId, int attempt) {
        public String actionId() {
            return CallbackCalls.actionId(callbackId, attempt);
        }
    }

    private CallbackCalls() {}

    /** ActionID and ChannelId of an attempt. */
    public static String actionId(UUID callbackId, int attempt) {
        return PREFIX + callbackId + "-" + attempt;
    }

    /** The attempt an id names: {@code rb-<uuid>-<n>}, optionally followed by {@code ;<half>}. */
    public static Optional<AttemptRef> parse(String id) {
        if (id == null || !id.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = id.indexOf(';');
        String core = end < 0 ? id : id.substring(0, end);
        int dash = core.lastIndexOf('-');
        if (dash <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AttemptRef(UUID.fromString(core.substring(PREFIX.length(), dash)),
                    Integer.parseInt(core.substring(dash + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The attempt an event belongs to, by its Uniqueid, its Linkedid or its channel variables. */
    public static Optional<AttemptRef> of(String uniqueId, String linkedId, Map<String, String> channelVariables) {
        return parse(uniqueId).or(() -> parse(linkedId)).or(() -> fromVariables(channelVariables));
    }

    /** Whether the event is about one of the orchestrator's own calls (also when the ids are not well-formed). */
    public static boolean isOurs(String uniqueId, String linkedId, Map<String, String> channelVariables) {
        return startsWithPrefix(uniqueId) || startsWithPrefix(linkedId) || !variable(channelVariables, CALLBACK_ID_VARIABLE).isEmpty();
    }

    /** Whether the Uniqueid is the attempt's own channel (not the {@code ;2} half, not another leg). */
    public static boolean isMainChannel(String uniqueId, AttemptRef attempt) {
        return attempt.actionId().equals(uniqueId);
    }

    private static boolean startsWithPrefix(String id) {
        return id != null && id.startsWith(PREFIX);
    }

    /**
     * A channel variable's value, empty when absent: Asterisk writes every {@code channelvars} name
     * on every channel, with an empty value where the channel does not have it.
     */
    private static String variable(Map<String, String> variables, String name) {
        String value = variables == null ? null : variables.get(name);
        return value == null ? "" : value.strip();
    }

    private static Optional<AttemptRef> fromVariables(Map<String, String> variables) {
        String callbackId = variable(variables, CALLBACK_ID_VARIABLE);
        String attempt = variable(variables, ATTEMPT_VARIABLE);
        if (callbackId.isEmpty() || attempt.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AttemptRef(UUID.fromString(callbackId), Integer.parseInt(attempt)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
