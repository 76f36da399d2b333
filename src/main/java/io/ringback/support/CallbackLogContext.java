package io.ringback.support;

import org.slf4j.MDC;

/**
 * Puts the callback id and process instance key into the logging context (MDC) for the lines
 * logged inside the scope: structured logs carry them as {@code callbackId} and
 * {@code processInstanceKey}, the console pattern shows them through {@code callbackContext}.
 *
 * <pre>{@code try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) { ... } }</pre>
 */
public final class CallbackLogContext implements AutoCloseable {

    public static final String CALLBACK_ID = "callbackId";
    public static final String PROCESS_INSTANCE_KEY = "processInstanceKey";
    public static final String CONSOLE = "callbackContext";

    private final String previousCallback;
    private final String previousInstance;
    private final String previousConsole;

    private CallbackLogContext(Object callbackId, Long processInstanceKey) {
        previousCallback = MDC.get(CALLBACK_ID);
        previousInstance = MDC.get(PROCESS_INSTANCE_KEY);
        previousConsole = MDC.get(CONSOLE);
        String console = "[callback " + callbackId;
        MDC.put(CALLBACK_ID, String.valueOf(callbackId));
        if (processInstanceKey != null) {
            MDC.put(PROCESS_INSTANCE_KEY, String.valueOf(processInstanceKey));
            console += " pi " + processInstanceKey;
        }
        MDC.put(CONSOLE, console + "] ");
    }

    public static CallbackLogContext open(Object callbackId, Long processInstanceKey) {
        return new CallbackLogContext(callbackId, processInstanceKey);
    }

    public static CallbackLogContext open(Object callbackId) {
        return new CallbackLogContext(callbackId, null);
    }

    @Override
    public void close() {
        restore(CALLBACK_ID, previousCallback);
        restore(PROCESS_INSTANCE_KEY, previousInstance);
        restore(CONSOLE, previousConsole);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
