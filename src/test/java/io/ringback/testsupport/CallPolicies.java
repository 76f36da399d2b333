package io.ringback.testsupport;

import java.util.HashMap;
import java.util.Map;

/** The {@code dialPolicy} a test gives {@code call-customer}: the shipped decision's usual values, to change per test. */
public final class CallPolicies {

    private CallPolicies() {}

    /** A 1-hour limit, 3 attempts a minute apart, the given agent idle time, always open in UTC; no deadline or target. */
    public static Map<String, Object> usual(int agentIdleSeconds) {
        Map<String, Object> p = new HashMap<>();
        p.put("timeLimitSeconds", 3600);
        p.put("agentIdleSeconds", agentIdleSeconds);
        p.put("maxAttempts", 3);
        p.put("retryIntervalSeconds", 60);
        p.put("dialPrefix", "9");
        p.put("callbackMessage", "custom/callback");
        p.put("timeCondition", "always");
        p.put("timeZone", "UTC");
        p.put("retryAbandonedAfterAnswer", true);
        return p;
    }
}
