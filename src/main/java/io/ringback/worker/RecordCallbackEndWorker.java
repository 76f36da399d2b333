package io.ringback.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.support.CallbackLogContext;
import io.ringback.worker.CallbackEnds.EndVariables;
import org.springframework.stereotype.Component;

/** {@code record-callback-end}: records how the callback ended ({@code endState}) and why ({@link CallbackEnds}). */
@Component
public class RecordCallbackEndWorker {

    private final CallbackEnds ends;

    RecordCallbackEndWorker(CallbackEnds ends) {
        this.ends = ends;
    }

    @JobWorker(type = JobTypes.RECORD_CALLBACK_END)
    public void end(ActivatedJob job, @VariablesAsType EndVariables v) {
        try (var log = CallbackLogContext.open(v.callbackId(), job.getProcessInstanceKey())) {
            ends.record(v);
        }
    }
}
