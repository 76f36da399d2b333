package io.ringback.process;

/**
 * The contract between the models in {@code bpmn/}, the job workers and the message publishers:
 * process ids, message and signal names, error codes, job types and the element ids that code,
 * tests and the runbook rely on. Analysts own element names; these ids must not be renamed in the
 * models (docs/process-variables.md).
 */
public final class CallbackProcess {

    /** {@code bpmn/abandoned-call-callback.bpmn}: one instance per callback of an abandoned call. */
    public static final String PROCESS_ID = "abandoned-call-callback";
    /** {@code bpmn/call-customer.bpmn}: calls the customer until they reach an agent; called by every callback kind. */
    public static final String CALL_CUSTOMER_PROCESS_ID = "call-customer";
    /** {@code bpmn/scheduled-callback.bpmn}: one instance per scheduled callback, waiting for its window. */
    public static final String SCHEDULED_PROCESS_ID = "scheduled-callback";

    /**
     * The version tag of {@code call-customer}'s contract (its inputs and results). Callers bind to the
     * latest version with this tag ({@code bindingType="versionTag"}), so an instance started on an
     * older model keeps calling a child it can talk to; a change of contract deploys a new tag and
     * callers that use it (docs/process-variables.md).
     */
    public static final String CALL_CUSTOMER_CONTRACT = "contract-1";

    /** Decision ids in {@code dmn/}. */
    public static final class Decisions {
        /** What only abandoned calls need, per queue: enabled, minimum wait. */
        public static final String ABANDONED_CALL_RULES = "abandoned-call-rules";
        /** How a callback calls the customer, by origin and queue. */
        public static final String DIAL_POLICY = "dial-policy";
        public static final String TIME_CONDITION = "callback-time-condition";

        private Decisions() {}
    }

    /** Message names (what happened). */
    public static final class Messages {
        /** Starts an instance; correlation key = callback id, message id = the abandon's source and unique id. */
        public static final String ABANDONED_CALL_RECEIVED = "abandoned-call-received";
        /** The OriginateResponse of one attempt; correlation key = that attempt's ActionID. */
        public static final String CALL_OUTCOME = "callback-call-outcome";
        /** The answered customer reached an agent; correlation key = callback id (whatever the model is doing). */
        public static final String CALL_CONNECTED = "callback-call-connected";
        /** The answered customer hung up before an agent took the call; correlation key = the attempt's ActionID. */
        public static final String CALL_LEFT = "callback-call-left";
        /** An agent of the callback's queue may have become free; correlation key = callback id. */
        public static final String AGENT_AVAILABLE = "agent-available";
        /** The customer called in again and an agent answered; correlation key = callback id. */
        public static final String CUSTOMER_SERVED = "customer-served";
        /** A user cancelled the callback; correlation key = callback id. */
        public static final String CALLBACK_CANCELLED = "callback-cancelled";
        /** Starts a scheduled callback's instance; correlation key = callback id, message id = {@code scheduled/<id>}. */
        public static final String SCHEDULED_CALLBACK_REQUESTED = "scheduled-callback-requested";
        /**
         * A user moved the window (or the queue) of a scheduled callback that waits for it; correlation
         * key = callback id, message id = {@code rescheduled/<id>/<revision>}.
         */
        public static final String SCHEDULED_CALLBACK_CHANGED = "scheduled-callback-changed";

        private Messages() {}
    }

    /** Signal names (broadcast to every waiting instance). */
    public static final class Signals {
        /** The AMI connection is (back) up and the agents have been read again. */
        public static final String PBX_AVAILABLE = "pbx-available";

        private Signals() {}
    }

    /** BPMN error codes thrown by workers (business outcomes the model handles). */
    public static final class Errors {
        /** claim-agent: AMI is down, so nobody can be dialed and agent states are unknown; the model waits for the PBX. */
        public static final String PBX_UNAVAILABLE = "PBX_UNAVAILABLE";
        /** originate-call: nothing was dialed (AMI went down, the agent claim expired); the model tries again. */
        public static final String CALL_NOT_PLACED = "CALL_NOT_PLACED";

        private Errors() {}
    }

    /** Job types, one worker class each in {@code io.ringback.worker}. */
    public static final class JobTypes {
        public static final String REGISTER_CALLBACK = "register-callback";
        public static final String ACCEPT_CALLBACK = "accept-callback";
        public static final String FIND_NEXT_OPENING = "find-next-opening";
        public static final String CLAIM_AGENT = "claim-agent";
        public static final String ORIGINATE_CALL = "originate-call";
        public static final String RECORD_ATTEMPT_OUTCOME = "record-attempt-outcome";
        public static final String RECORD_CALLBACK_END = "record-callback-end";
        public static final String REGISTER_SCHEDULED_CALLBACK = "register-scheduled-callback";
        public static final String OPEN_SCHEDULED_WINDOW = "open-scheduled-window";
        public static final String APPLY_DIAL_POLICY = "apply-dial-policy";
        public static final String RELEASE_OWNER = "release-owner";

        private JobTypes() {}
    }

    /** The values of {@code callResult}, the result of {@code call-customer}. */
    public static final class CallResults {
        public static final String CONNECTED = "CONNECTED";
        public static final String ANSWERED = "ANSWERED";
        public static final String LEFT_AFTER_ANSWER = "LEFT_AFTER_ANSWER";
        public static final String EXHAUSTED = "EXHAUSTED";
        public static final String EXPIRED = "EXPIRED";

        private CallResults() {}
    }

    /** Element ids of {@code abandoned-call-callback} that tests and operators' runbooks refer to. */
    public static final class Elements {
        public static final String START = "StartEvent_AbandonedCall";
        public static final String DETERMINE_ABANDON_RULES = "Task_DetermineAbandonRules";
        public static final String DETERMINE_DIAL_POLICY = "Task_DetermineDialPolicy";
        public static final String REGISTER = "Task_RegisterCallback";
        public static final String ACCEPT = "Task_AcceptCallback";
        public static final String CALL_CUSTOMER = "CallActivity_CallCustomer";
        public static final String CUSTOMER_SERVED_EVENT = "Event_CustomerServed";
        public static final String CALLBACK_CANCELLED_EVENT = "Event_CallbackCancelled";
        public static final String END_DISABLED = "Event_Disabled";
        public static final String END_NOT_ELIGIBLE = "Event_NotEligible";
        public static final String END_MERGED = "Event_Merged";
        public static final String END_CONNECTED = "Event_Connected";
        public static final String END_ANSWERED = "Event_Answered";
        public static final String END_LEFT_AFTER_ANSWER = "Event_LeftAfterAnswer";
        public static final String END_EXHAUSTED = "Event_Exhausted";
        public static final String END_EXPIRED = "Event_Expired";
        public static final String END_SERVED_INBOUND = "Event_ServedInbound";
        public static final String END_CANCELLED = "Event_Cancelled";

        private Elements() {}
    }

    /** Element ids of {@code scheduled-callback}. */
    public static final class Scheduled {
        public static final String START = "StartEvent_ScheduledCallback";
        public static final String REGISTER = "Task_RegisterScheduledCallback";
        public static final String WAIT_FOR_WINDOW = "SubProcess_WaitForWindow";
        public static final String WINDOW_START_TIMER = "Event_WindowStarts";
        public static final String CHANGED_EVENT = "Event_ScheduleChanged";
        public static final String CANCELLED_BEFORE_WINDOW = "Event_CancelledBeforeWindow";
        public static final String OPEN_WINDOW = "Task_OpenWindow";
        public static final String DETERMINE_DIAL_POLICY = "Task_DetermineScheduledDialPolicy";
        public static final String CALL_CUSTOMER = "CallActivity_CallScheduledCustomer";
        public static final String CANCELLED_WHILE_CALLING = "Event_CancelledWhileCalling";
        public static final String END_CONNECTED = "Event_ScheduledConnected";
        public static final String END_ANSWERED = "Event_ScheduledAnswered";
        public static final String END_LEFT_AFTER_ANSWER = "Event_ScheduledLeftAfterAnswer";
        public static final String END_MISSED = "Event_ScheduledMissed";
        public static final String END_CANCELLED = "Event_ScheduledCancelled";

        private Scheduled() {}
    }

    /** Element ids of {@code call-customer}. */
    public static final class CallCustomer {
        public static final String START = "StartEvent_CallRequested";
        public static final String WAIT_TO_DIAL = "SubProcess_WaitToDial";
        public static final String WAIT_BETWEEN_ATTEMPTS = "Event_WaitBetweenAttempts";
        public static final String CHECK_TIME_CONDITION = "Task_CheckTimeCondition";
        public static final String FIND_NEXT_OPENING_TASK = "Task_FindNextOpening";
        public static final String WAIT_FOR_OPENING = "Event_WaitForOpening";
        public static final String CLAIM_AGENT_TASK = "Task_ClaimAgent";
        public static final String WAIT_FOR_AGENT_IDLE = "Event_WaitForAgentIdle";
        public static final String WAIT_FOR_AGENT = "Gateway_WaitForAgent";
        public static final String OWNER_WAIT_OVER = "Event_OwnerWaitOver";
        public static final String RELEASE_OWNER_TASK = "Task_ReleaseOwner";
        public static final String AGENT_AVAILABLE_EVENT = "Event_AgentAvailable";
        public static final String PBX_UNAVAILABLE = "Event_PbxUnavailable";
        public static final String WAIT_FOR_PBX = "Gateway_WaitForPbx";
        public static final String PBX_AVAILABLE_EVENT = "Event_PbxAvailable";
        public static final String PBX_RECHECK = "Event_PbxRecheck";
        public static final String TIME_LIMIT_REACHED = "Event_TimeLimitReached";
        public static final String ORIGINATE = "Task_OriginateCall";
        public static final String CALL_NOT_PLACED = "Event_CallNotPlaced";
        public static final String WAIT_FOR_OUTCOME = "Task_WaitForOutcome";
        public static final String NO_OUTCOME = "Event_NoOutcome";
        public static final String RECORD_ATTEMPT_OUTCOME_TASK = "Task_RecordAttemptOutcome";
        public static final String RECORD_MISSING_OUTCOME = "Task_RecordMissingOutcome";
        public static final String WAIT_FOR_CONNECTION = "Gateway_WaitForConnection";
        public static final String CUSTOMER_LEFT_QUEUE = "Event_CustomerLeftQueue";
        public static final String CONNECTION_NOT_REPORTED = "Event_ConnectionNotReported";
        public static final String SCHEDULE_NEXT_ATTEMPT = "Event_ScheduleNextAttempt";
        public static final String CUSTOMER_CONNECTED = "Event_CustomerConnected";
        public static final String END_CONNECTED = "Event_CallConnected";
        public static final String END_ANSWERED = "Event_AnsweredUnconfirmed";
        public static final String END_LEFT_AFTER_ANSWER = "Event_CallLeftAfterAnswer";
        public static final String END_EXHAUSTED = "Event_AttemptsExhausted";
        public static final String END_EXPIRED = "Event_DeadlineReached";

        private CallCustomer() {}
    }

    private CallbackProcess() {}
}
