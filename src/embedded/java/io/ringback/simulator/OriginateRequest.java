package io.ringback.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated {@code Originate} action: the {@link OriginateRecord} plus what only the simulator needs.
 *
 * @param record      what was received
 * @param async       {@code Async: true}: acknowledge now, report the outcome as an OriginateResponse event
 * @param application {@code Application} to run instead of Context/Exten/Priority, or {@code null}
 * @param data        the application's {@code Data}, or {@code null}
 * @param callerId    the parsed {@code CallerID}
 */
record OriginateRequest(OriginateRecord record, boolean async, String application, String data, CallerId callerId) {

    /** Asterisk's default when the action has no {@code Timeout}. */
    private static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    /**
     * Validates the action the way Asterisk's {@code action_originate} does.
     *
     * @throws IllegalArgumentException with the {@code Message} Asterisk answers an invalid action with
     */
    static OriginateRequest from(AmiMessage action, Instant receivedAt) {
        String channel = action.get("Channel");
        if (channel == null || channel.isEmpty()) {
            throw new IllegalArgumentException("Channel not specified");
        }
        String priority = action.get("Priority");
        if (priority != null && !priority.isEmpty() && !priority.matches("\\d+")) {
            throw new IllegalArgumentException("Invalid priority");
        }
        Long timeout = parseTimeout(action.get("Timeout"));
        if (channel.indexOf('/') < 0) {
            throw new IllegalArgumentException("Invalid channel");
        }
        String application = blankToNull(action.get("Application"));
        String context = blankToNull(action.get("Context"));
        String exten = blankToNull(action.get("Exten"));
        if (application == null && (exten == null || context == null || blankToNull(priority) == null)) {
            throw new IllegalArgumentException("Originate with 'Exten' requires 'Context' and 'Priority'");
        }
        String callerId = action.get("CallerID");
        OriginateRecord record = new OriginateRecord(action.get("ActionID"), channel, context, exten,
                blankToNull(priority), callerId, blankToNull(action.get("ChannelId")), timeout,
                variables(action), receivedAt);
        return new OriginateRequest(record, action.isTrue("Async"), application, action.get("Data"),
                CallerId.parse(callerId));
    }

    /** How long Asterisk lets the customer ring: the {@code Timeout} header or its 30 s default. */
    long timeoutMillis() {
        Long timeout = record.timeoutMillis();
        return timeout != null ? timeout : DEFAULT_TIMEOUT_MILLIS;
    }

    private static Long parseTimeout(String timeout) {
        if (timeout == null || timeout.isEmpty()) {
            return null;
        }
        if (!timeout.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("Invalid timeout");
        }
        return Long.valueOf(timeout);
    }

    /** Every {@code Variable} header; like Asterisk, one header may carry several comma-separated pairs. */
    private static Map<String, String> variables(AmiMessage action) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String header : action.getAll("Variable")) {
            for (String pair : header.split(",")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    variables.put(pair.substring(0, equals).strip(), pair.substring(equals + 1));
                }
            }
        }
        return variables;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
