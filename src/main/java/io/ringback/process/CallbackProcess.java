package io.ringback.process;

/**
 * The contract between {@code bpmn/abandoned-call-callback.bpmn}, the job workers and the
 * message publishers: process id, message names, job types and the element ids that code and
 * tests rely on. Analysts own element names; these ids must not be renamed in the model.
 */
public final class CallbackProcess {

    public static final String PROCESS_ID = "abandoned-call-callback";

    /** Decision ids in {@code dmn/}. */
    public static final class Decisions {
        public static final String QUEUE_SETTINGS = "queue-settings";
        public static final String TIME_CONDITION = "callback-time-condition";

        private Decisions() {}
    }

    /** Message names (what happened). */
    public static final class Messages {
        /** Starts an instance; correlation key = callback id, message id = the abandon's unique id. */
        public static final String ABANDONED_CALL_RECEIVED = "abandoned-call-received";
        /** The OriginateResponse of one attempt; correlation key = that attempt's AMI ActionID. */
        public static final String CALL_OUTCOME = "callback-call-outcome";
        /** An agent of the callback's queue may have become free; correlation key = callback id. */
        public static final String AGENT_AVAILABLE = "agent-available";
        /** The customer called in again and an agent answered; correlation key = callback id. */
        public static final String CUSTOMER_SERVED = "customer-served";
        /** A supervisor cancelled the callback; correlation key = callback id. */
        public static final String CALLBACK_CANCELLED = "callback-cancelled";

        private Messages() {}
    }

    /** Job types, one worker class each in {@code io.ringback.process.worker}. */
    public static final class JobTypes {
        public static final String REGISTER_CALLBACK = "register-callback";
        public static final String ACCEPT_CALLBACK = "accept-callback";
        public static final String FIND_NEXT_OPENING = "find-next-opening";
        public static final String CLAIM_AGENT = "claim-agent";
        public static final String ORIGINATE_CALL = "originate-call";
        public static final String RECORD_ATTEMPT_OUTCOME = "record-attempt-outcome";
        public static final String RECORD_CALLBACK_END = "record-callback-end";

        private JobTypes() {}
    }

    /** Element ids that tests and operators' runbooks refer to. */
    public static final class Elements {
        public static final String START = "StartEvent_AbandonedCall";
        public static final String DETERMINE_SETTINGS = "Task_DetermineQueueSettings";
        public static final String REGISTER = "Task_RegisterCallback";
        public static final String ACCEPT = "Task_AcceptCallback";
        public static final String ATTEMPTS = "SubProcess_Attempts";
        public static final String CHECK_TIME_CONDITION = "Task_CheckTimeCondition";
        public static final String FIND_NEXT_OPENING_TASK = "Task_FindNextOpening";
        public static final String WAIT_FOR_OPENING = "Event_WaitForOpening";
        public static final String CLAIM_AGENT_TASK = "Task_ClaimAgent";
        public static final String WAIT_FOR_AGENT_IDLE = "Event_WaitForAgentIdle";
        public static final String WAIT_FOR_AGENT = "Gateway_WaitForAgent";
        public static final String AGENT_AVAILABLE_EVENT = "Event_AgentAvailable";
        public static final String AGENT_RECHECK = "Event_AgentRecheck";
        public static final String ORIGINATE = "Task_OriginateCall";
        public static final String WAIT_FOR_OUTCOME = "Task_WaitForOutcome";
        public static final String NO_OUTCOME = "Event_NoOutcome";
        public static final String RECORD_ATTEMPT_OUTCOME_TASK = "Task_RecordAttemptOutcome";
        public static final String RECORD_MISSING_OUTCOME = "Task_RecordMissingOutcome";
        public static final String WAIT_BETWEEN_ATTEMPTS = "Event_WaitBetweenAttempts";
        public static final String TIME_LIMIT_REACHED = "Event_TimeLimitReached";
        public static final String CUSTOMER_SERVED_EVENT = "Event_CustomerServed";
        public static final String CALLBACK_CANCELLED_EVENT = "Event_CallbackCancelled";
        public static final String END_DISABLED = "Event_Disabled";
        public static final String END_NOT_ELIGIBLE = "Event_NotEligible";
        public static final String END_MERGED = "Event_Merged";
        public static final String END_ANSWERED = "Event_Answered";
        public static final String END_EXHAUSTED = "Event_Exhausted";
        public static final String END_EXPIRED = "Event_Expired";
        public static final String END_SERVED_INBOUND = "Event_ServedInbound";
        public static final String END_CANCELLED = "Event_Cancelled";

        private Elements() {}
    }

    private CallbackProcess() {}
}
