package io.ringback.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.scheduled.ScheduledCallbacks;
import io.ringback.scheduled.ScheduledCallbacks.WindowState;
import io.ringback.support.CallbackLogContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code open-scheduled-window}, input {@code step}:
 * <ul>
 *   <li>{@code CHANGED} (after the change message): the window as stored now, to wait for again;
 *   <li>{@code WINDOW_STARTS} (the timer of {@code windowStart} fired): {@code windowState} {@code OPEN} — the
 *       callback is now {@code PENDING} and the customer is called — or {@code MOVED} (an edit the model has
 *       not heard of yet: wait for the stored window) or {@code CANCELLED} (deleted).
 * </ul>
 * Returns {@code windowState}, {@code windowStart}, {@code windowEnd}, {@code queue}, {@code target} (the
 * queue, or the callback's owner: {@code {queue, agent, group}}) and {@code ownerWaitSeconds} (the
 * callback's own owner wait, or null for the dial policy's): always what is stored.
 */
@Component
public class OpenScheduledWindowWorker {

    private final ScheduledCallbacks scheduled;

    OpenScheduledWindowWorker(ScheduledCallbacks scheduled) {
        this.scheduled = scheduled;
    }

    @JobWorker(type = JobTypes.OPEN_SCHEDULED_WINDOW)
    public Map<String, Object> open(ActivatedJob job, @Variable String callbackId, @Variable String step,
                                    @Variable String windowStart) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            UUID id = UUID.fromString(callbackId);
            WindowState state = "WINDOW_STARTS".equals(step)
                    ? scheduled.windowStarts(id, Instant.parse(windowStart))
                    : scheduled.current(id);
            return variables(state);
        }
    }

    static Map<String, Object> variables(WindowState state) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("windowState", state.state().name());
        vars.put("windowStart", state.window().start().toString());
        vars.put("windowEnd", state.window().end().toString());
        vars.put("queue", state.queue());
        vars.put("target", state.target());
        vars.put("ownerWaitSeconds", state.ownerWaitSeconds());
        return vars;
    }
}
