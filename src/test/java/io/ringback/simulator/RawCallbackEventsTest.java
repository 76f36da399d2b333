package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Hangup and ChanVariable events on the wire, compared message for message with the Asterisk 22
 * captures (callback-leaves-queue.txt, originate.raw). Channel sequence numbers, generated Uniqueids
 * and measured times differ from run to run and are masked on both sides.
 */
class RawCallbackEventsTest {

    private static final String CHANNEL_BLOCK = "Channel ChannelState ChannelStateDesc CallerIDNum CallerIDName "
            + "ConnectedLineNum ConnectedLineName Language AccountCode Context Exten Priority Uniqueid Linkedid";
    private static final String DEST_BLOCK = "DestChannel DestChannelState DestChannelStateDesc DestCallerIDNum "
            + "DestCallerIDName DestConnectedLineNum DestConnectedLineName DestLanguage DestAccountCode DestContext "
            + "DestExten DestPriority DestUniqueid DestLinkedid";
    private static final String CALLBACK_ID = "e398b2c5-7016-4494-b0e0-6f4bc4f32f7a";

    /** callback-leaves-queue.txt from the OriginateResponse on. */
    private static final String LEAVES_QUEUE_CAPTURE = """
                Event: OriginateResponse
                Privilege: call,all
                ActionID: 1852541941_4#rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Response: Success
                Channel: Local/9101@outbound-00000009;1
                Context: callback
                Exten: s
                Reason: 4
                Uniqueid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                CallerIDNum: 5551234
                CallerIDName: Callback

                Event: QueueCallerJoin
                Privilege: agent,all
                Channel: Local/9101@outbound-00000009;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: callback
                Exten: s
                Priority: 4
                Uniqueid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Queue: abandonq
                Position: 1
                Count: 1

                Event: AgentCalled
                Privilege: agent,all
                Channel: Local/9101@outbound-00000009;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: callback
                Exten: s
                Priority: 4
                Uniqueid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                DestChannel: Local/agent9@agents-0000000a;1
                DestChannelState: 0
                DestChannelStateDesc: Down
                DestCallerIDNum: 5551234
                DestCallerIDName: Callback
                DestConnectedLineNum: 5551234
                DestConnectedLineName: Callback
                DestLanguage: en
                DestAccountCode:
                DestContext: agents
                DestExten: s
                DestPriority: 1
                DestUniqueid: 1796145280.20
                DestLinkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Queue: abandonq
                Interface: Local/agent9@agents
                MemberName: Agent Nine (never answers)

                Event: HangupRequest
                Privilege: call,all
                Channel: Local/9101@outbound-00000009;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: callback
                Exten: s
                Priority: 4
                Uniqueid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Cause: 16

                Event: Hangup
                Privilege: call,all
                Channel: Local/9101@outbound-00000009;2
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: customers
                Exten: 101
                Priority: 3
                Uniqueid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1;2
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Cause: 16
                Cause-txt: Normal Clearing

                Event: HangupRequest
                Privilege: call,all
                Channel: Local/agent9@agents-0000000a;2
                ChannelState: 4
                ChannelStateDesc: Ring
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: agents
                Exten: agent9
                Priority: 2
                Uniqueid: 1796145280.21
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Cause: 0

                Event: Hangup
                Privilege: call,all
                Channel: Local/agent9@agents-0000000a;2
                ChannelState: 4
                ChannelStateDesc: Ring
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: agents
                Exten: agent9
                Priority: 2
                Uniqueid: 1796145280.21
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Cause: 0
                Cause-txt: Unknown

                Event: Hangup
                Privilege: call,all
                Channel: Local/agent9@agents-0000000a;1
                ChannelState: 5
                ChannelStateDesc: Ringing
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: agents
                Exten: s
                Priority: 1
                Uniqueid: 1796145280.20
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Cause: 0
                Cause-txt: Unknown

                Event: QueueCallerAbandon
                Privilege: agent,all
                Channel: Local/9101@outbound-00000009;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: callback
                Exten: s
                Priority: 4
                Uniqueid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Queue: abandonq
                Position: 1
                OriginalPosition: 1
                HoldTime: 9

                Event: QueueCallerLeave
                Privilege: agent,all
                Channel: Local/9101@outbound-00000009;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: callback
                Exten: s
                Priority: 4
                Uniqueid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Queue: abandonq
                Position: 1
                Count: 0

                Event: Hangup
                Privilege: call,all
                Channel: Local/9101@outbound-00000009;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: callback
                Exten: s
                Priority: 4
                Uniqueid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Linkedid: rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1
                Cause: 16
                Cause-txt: Normal Clearing
                """;

    /** originate.raw: the answered callback's customer hangs up after talking to Agent One. */
    private static final String COMPLETED_CALL_CAPTURE = """
                Event: HangupRequest
                Privilege: call,all
                Channel: Local/9101@outbound-00000000;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: callback
                Exten: s
                Priority: 4
                Uniqueid: 1795289002.0
                Linkedid: 1795289002.0
                Cause: 16

                Event: Hangup
                Privilege: call,all
                Channel: Local/9101@outbound-00000000;2
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: customers
                Exten: 101
                Priority: 3
                Uniqueid: 1795289002.1
                Linkedid: 1795289002.0
                Cause: 16
                Cause-txt: Normal Clearing

                Event: AgentComplete
                Privilege: agent,all
                Channel: Local/9101@outbound-00000000;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: callback
                Exten: s
                Priority: 4
                Uniqueid: 1795289002.0
                Linkedid: 1795289002.0
                DestChannel: Local/agent1@agents-00000003;1
                DestChannelState: 6
                DestChannelStateDesc: Up
                DestCallerIDNum: 5551234
                DestCallerIDName: Callback
                DestConnectedLineNum: 5551234
                DestConnectedLineName: Callback
                DestLanguage: en
                DestAccountCode: 
                DestContext: agents
                DestExten: s
                DestPriority: 1
                DestUniqueid: 1795289003.6
                DestLinkedid: 1795289002.0
                Queue: support
                Interface: Local/agent1@agents
                MemberName: Agent One
                HoldTime: 0
                TalkTime: 9
                Reason: caller

                Event: Hangup
                Privilege: call,all
                Channel: Local/9101@outbound-00000000;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: callback
                Exten: s
                Priority: 4
                Uniqueid: 1795289002.0
                Linkedid: 1795289002.0
                Cause: 16
                Cause-txt: Normal Clearing

                Event: HangupRequest
                Privilege: call,all
                Channel: Local/agent1@agents-00000003;2
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: agents
                Exten: agent1
                Priority: 2
                Uniqueid: 1795289003.7
                Linkedid: 1795289002.0
                Cause: 16

                Event: Hangup
                Privilege: call,all
                Channel: Local/agent1@agents-00000003;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: agents
                Exten: s
                Priority: 1
                Uniqueid: 1795289003.6
                Linkedid: 1795289002.0
                Cause: 16
                Cause-txt: Normal Clearing

                Event: Hangup
                Privilege: call,all
                Channel: Local/agent1@agents-00000003;2
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: agents
                Exten: agent1
                Priority: 2
                Uniqueid: 1795289003.7
                Linkedid: 1795289002.0
                Cause: 16
                Cause-txt: Normal Clearing

                Event: QueueMemberStatus
                Privilege: agent,all
                Queue: support
                MemberName: Agent One
                Interface: Local/agent1@agents
                StateInterface: Local/agent1@agents
                Membership: static
                Penalty: 0
                CallsTaken: 1
                LastCall: 1795289012
                LastPause: 0
                LoginTime: 1795288999
                InCall: 0
                Status: 1
                Paused: 0
                PausedReason: 
                Ringinuse: 0
                Wrapuptime: 0
                """;

    /** originate.raw: the Originate to the busy customer 9201. */
    private static final String BUSY_CAPTURE = """
                Event: OriginateResponse
                Privilege: call,all
                ActionID: cb-busy
                Response: Failure
                Channel: Local/9201@outbound
                Context: callback
                Exten: s
                Reason: 5
                Uniqueid: <unknown>
                CallerIDNum: 5551234
                CallerIDName: Callback

                Event: HangupRequest
                Privilege: call,all
                Channel: Local/9201@outbound-00000001;2
                ChannelState: 7
                ChannelStateDesc: Busy
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: customers
                Exten: 201
                Priority: 1
                Uniqueid: 1795289002.3
                Linkedid: 1795289002.2
                Cause: 0

                Event: Hangup
                Privilege: call,all
                Channel: Local/9201@outbound-00000001;1
                ChannelState: 0
                ChannelStateDesc: Down
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: outbound
                Exten: 9201
                Priority: 1
                Uniqueid: 1795289002.2
                Linkedid: 1795289002.2
                Cause: 0
                Cause-txt: Unknown

                Event: Hangup
                Privilege: call,all
                Channel: Local/9201@outbound-00000001;2
                ChannelState: 7
                ChannelStateDesc: Busy
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: customers
                Exten: 201
                Priority: 1
                Uniqueid: 1795289002.3
                Linkedid: 1795289002.2
                Cause: 17
                Cause-txt: User busy
                """;

    /** originate.raw: the Originate to 9301, who rings until the 8 s timeout. */
    private static final String NO_ANSWER_CAPTURE = """
                Event: HangupRequest
                Privilege: call,all
                Channel: Local/9301@outbound-00000002;2
                ChannelState: 4
                ChannelStateDesc: Ring
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: customers
                Exten: 301
                Priority: 2
                Uniqueid: 1795289002.5
                Linkedid: 1795289002.4
                Cause: 19

                Event: Hangup
                Privilege: call,all
                Channel: Local/9301@outbound-00000002;2
                ChannelState: 4
                ChannelStateDesc: Ring
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: customers
                Exten: 301
                Priority: 2
                Uniqueid: 1795289002.5
                Linkedid: 1795289002.4
                Cause: 19
                Cause-txt: User alerting, no answer

                Event: Hangup
                Privilege: call,all
                Channel: Local/9301@outbound-00000002;1
                ChannelState: 5
                ChannelStateDesc: Ringing
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode: 
                Context: outbound
                Exten: 9301
                Priority: 1
                Uniqueid: 1795289002.4
                Linkedid: 1795289002.4
                Cause: 19
                Cause-txt: User alerting, no answer

                Event: OriginateResponse
                Privilege: call,all
                ActionID: cb-noanswer
                Response: Failure
                Channel: Local/9301@outbound
                Context: callback
                Exten: s
                Reason: 3
                Uniqueid: <unknown>
                CallerIDNum: 5551234
                CallerIDName: Callback
                """;

    private SimulatedAsterisk asterisk;
    private RawAmiClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @Test
    void customerWhoLeavesTheQueueProducesTheCapturedEventsHeaderForHeader() throws Exception {
        Map<String, List<QueueMemberSpec>> queues = new LinkedHashMap<>();
        queues.put("abandonq", List.of(new QueueMemberSpec("Local/agent9@agents", "Agent Nine (never answers)")));
        start(SimulatorTestSupport.fastConfig().withQueues(queues));
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE);

        client.send("action: Originate", "actionid: 1852541941_4#rb-" + CALLBACK_ID + "-1",
                "variable: CB_MESSAGE=hello-world", "variable: CB_QUEUE=abandonq",
                "variable: CB_CALLBACK_ID=" + CALLBACK_ID, "variable: CB_ATTEMPT=1", "channel: Local/9101@outbound",
                "priority: 1", "exten: s", "timeout: 8000", "async: true", "context: callback",
                "callerid: \"Callback\" <5551234>", "channelid: rb-" + CALLBACK_ID + "-1");

        assertThat(client.readMessage()).isEqualTo("Response: Success\r\nActionID: 1852541941_4#rb-" + CALLBACK_ID
                + "-1\r\nMessage: Originate successfully queued\r\n\r\n");
        assertThat(readMessages(11)).isEqualTo(messages(LEAVES_QUEUE_CAPTURE));
    }

    @Test
    void completedCallbackHangsUpAsInTheCapture() throws Exception {
        start(SimulatorTestSupport.fastConfig());

        sendCapturedOriginate("cb-answer", "Local/9101@outbound");

        client.readMessageStartingWith("Event: AgentConnect");
        client.readMessage();
        assertThat(readMessages(8)).isEqualTo(messages(COMPLETED_CALL_CAPTURE));
    }

    @Test
    void busyCustomerHangsUpAsInTheCapture() throws Exception {
        start(SimulatorTestSupport.fastConfig());
        asterisk.setBehaviour("9201", CustomerBehaviour.BUSY);

        sendCapturedOriginate("cb-busy", "Local/9201@outbound");

        client.readMessage();
        assertThat(readMessages(4)).isEqualTo(messages(BUSY_CAPTURE));
    }

    @Test
    void unansweredCustomerHangsUpAsInTheCapture() throws Exception {
        start(SimulatorTestSupport.fastConfig());
        asterisk.setBehaviour("9301", CustomerBehaviour.NO_ANSWER);

        sendCapturedOriginate("cb-noanswer", "Local/9301@outbound");

        client.readMessage();
        assertThat(readMessages(4)).isEqualTo(messages(NO_ANSWER_CAPTURE));
    }

    @Test
    void customerWhoHangsUpDuringTheMessageEndsBothHalvesWithNormalClearing() throws Exception {
        start(SimulatorTestSupport.fastConfig());
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_HANG_UP);

        sendCapturedOriginate("cb-answer", "Local/9101@outbound");

        client.readMessage();
        client.readMessageStartingWith("Event: OriginateResponse");
        assertThat(readMessages(3)).isEqualTo(messages("""
                Event: HangupRequest
                Privilege: call,all
                Channel: Local/9101@outbound-00000000;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: callback
                Exten: s
                Priority: 3
                Uniqueid: 1795289002.0
                Linkedid: 1795289002.0
                Cause: 16

                Event: Hangup
                Privilege: call,all
                Channel: Local/9101@outbound-00000000;2
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: customers
                Exten: 101
                Priority: 3
                Uniqueid: 1795289002.1
                Linkedid: 1795289002.0
                Cause: 16
                Cause-txt: Normal Clearing

                Event: Hangup
                Privilege: call,all
                Channel: Local/9101@outbound-00000000;1
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 5551234
                CallerIDName: Callback
                ConnectedLineNum: 5551234
                ConnectedLineName: Callback
                Language: en
                AccountCode:
                Context: callback
                Exten: s
                Priority: 3
                Uniqueid: 1795289002.0
                Linkedid: 1795289002.0
                Cause: 16
                Cause-txt: Normal Clearing
                """));
    }

    @Test
    void channelVariablesEndTheChannelBlockAsChanVariableLines() throws Exception {
        start(SimulatorTestSupport.fastConfig().withChannelVariables("CB_CALLBACK_ID", "CB_ATTEMPT"));

        sendOriginateWithVariables("Variable: CB_CALLBACK_ID=" + CALLBACK_ID, "Variable: CB_ATTEMPT=1");

        String join = client.readMessageStartingWith("Event: QueueCallerJoin");
        assertThat(headerNames(join))
                .isEqualTo("Event Privilege " + CHANNEL_BLOCK + " ChanVariable ChanVariable Queue Position Count");
        assertThat(join).contains("Linkedid: rb-1\r\nChanVariable: CB_CALLBACK_ID=" + CALLBACK_ID
                + "\r\nChanVariable: CB_ATTEMPT=1\r\nQueue: support\r\n");
    }

    @Test
    void destChannelReportsTheVariablesWithTheDestPrefixEmptyWhenNotInherited() throws Exception {
        start(SimulatorTestSupport.fastConfig().withChannelVariables("CB_CALLBACK_ID", "CB_ATTEMPT"));

        sendOriginateWithVariables("Variable: CB_CALLBACK_ID=" + CALLBACK_ID, "Variable: CB_ATTEMPT=1");

        String called = client.readMessageStartingWith("Event: AgentCalled");
        assertThat(headerNames(called)).isEqualTo("Event Privilege " + CHANNEL_BLOCK + " ChanVariable ChanVariable "
                + DEST_BLOCK + " DestChanVariable DestChanVariable Queue Interface MemberName");
        assertThat(called).contains("\r\nDestChanVariable: CB_CALLBACK_ID=\r\nDestChanVariable: CB_ATTEMPT=\r\n");
        String connect = client.readMessageStartingWith("Event: AgentConnect");
        assertThat(headerNames(connect)).isEqualTo("Event Privilege " + CHANNEL_BLOCK + " ChanVariable ChanVariable "
                + DEST_BLOCK + " DestChanVariable DestChanVariable Queue Interface MemberName HoldTime RingTime");
    }

    @Test
    void inheritedVariableReachesTheMembersChannel() throws Exception {
        start(SimulatorTestSupport.fastConfig().withChannelVariables("CB_TRACE"));

        sendOriginateWithVariables("Variable: __CB_TRACE=trace-7");

        String called = client.readMessageStartingWith("Event: AgentCalled");
        assertThat(called).contains("\r\nChanVariable: CB_TRACE=trace-7\r\nDestChannel: ",
                "\r\nDestChanVariable: CB_TRACE=trace-7\r\nQueue: support\r\n");
    }

    @Test
    void channelVariableValueIsEscapedAsAsteriskEscapesIt() throws Exception {
        start(SimulatorTestSupport.fastConfig().withChannelVariables("CB_NOTE"));

        sendOriginateWithVariables("Variable: CB_NOTE=O'Brien?");

        assertThat(client.readMessageStartingWith("Event: QueueCallerJoin"))
                .contains("\r\nChanVariable: CB_NOTE=O\\'Brien\\?\r\n");
    }

    @Test
    void answeredOriginateResponseEndsWithUnescapedVariablesNamingItsChannel() throws Exception {
        start(SimulatorTestSupport.fastConfig().withChannelVariables("CB_CALLBACK_ID", "CB_NOTE"));

        sendOriginateWithVariables("Variable: CB_CALLBACK_ID=" + CALLBACK_ID, "Variable: CB_NOTE=O'Brien");

        String response = client.readMessageStartingWith("Event: OriginateResponse");
        assertThat(response).matches("(?s).*\r\nCallerIDName: Callback\r\n"
                + "ChanVariable\\(Local/9101@outbound-[0-9a-f]{8};1\\): CB_CALLBACK_ID=" + CALLBACK_ID + "\r\n"
                + "ChanVariable\\(Local/9101@outbound-[0-9a-f]{8};1\\): CB_NOTE=O'Brien\r\n\r\n");
    }

    @Test
    void failedOriginateResponseHasNoChannelAndSoNoVariables() throws Exception {
        start(SimulatorTestSupport.fastConfig().withChannelVariables("CB_CALLBACK_ID"));
        asterisk.setBehaviour("9101", CustomerBehaviour.BUSY);

        sendOriginateWithVariables("Variable: CB_CALLBACK_ID=" + CALLBACK_ID);

        assertThat(client.readMessageStartingWith("Event: OriginateResponse")).doesNotContain("ChanVariable");
    }

    @Test
    void hangupEventsCarryChannelVariablesToo() throws Exception {
        start(SimulatorTestSupport.fastConfig().withChannelVariables("CB_ATTEMPT"));
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_HANG_UP);

        sendOriginateWithVariables("Variable: CB_ATTEMPT=2");

        String hangup = client.readMessageStartingWith("Event: Hangup");
        assertThat(headerNames(hangup)).isEqualTo("Event Privilege " + CHANNEL_BLOCK + " ChanVariable Cause Cause-txt");
        assertThat(hangup).contains("\r\nChanVariable: CB_ATTEMPT=2\r\nCause: 16\r\n");
    }

    private void start(SimulatorConfig config) throws Exception {
        asterisk = new SimulatedAsterisk(config.withLeaveQueueAfter(Duration.ofMillis(200)));
        asterisk.start();
        client = new RawAmiClient(asterisk.port());
        client.logIn("ringback", "ringback");
    }

    /** The Originate of originate.raw, as our product sends it. */
    private void sendCapturedOriginate(String actionId, String channel) throws Exception {
        client.send("Action: Originate", "ActionID: " + actionId, "Channel: " + channel, "Async: true",
                "Timeout: 20000", "CallerID: \"Callback\" <5551234>", "Context: callback", "Exten: s", "Priority: 1",
                "Variable: CB_QUEUE=support", "Variable: CB_ID=" + actionId);
    }

    private void sendOriginateWithVariables(String... variableHeaders) throws Exception {
        List<String> lines = new ArrayList<>(List.of("Action: Originate", "ActionID: cb-1",
                "Channel: Local/9101@outbound", "Async: true", "CallerID: \"Callback\" <5551234>", "Context: callback",
                "Exten: s", "Priority: 1", "ChannelId: rb-1", "Variable: CB_QUEUE=support"));
        lines.addAll(Arrays.asList(variableHeaders));
        client.send(lines.toArray(String[]::new));
    }

    private List<String> readMessages(int count) throws Exception {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(normalised(client.readMessage()));
        }
        return received;
    }

    /** The messages of a capture excerpt, one per block separated by an empty line. */
    private static List<String> messages(String capture) {
        return Arrays.stream(capture.split("\n\n")).map(RawCallbackEventsTest::normalised).toList();
    }

    /**
     * Masks what differs between runs (channel sequence numbers, generated Uniqueids, times in seconds)
     * and the trailing blanks the text captures lost.
     */
    private static String normalised(String message) {
        return message.replace("\r", "").strip().lines()
                .map(String::stripTrailing)
                .map(line -> line.replaceAll("-[0-9a-f]{8};", "-<sequence>;")
                        .replaceAll("\\b\\d{10}\\.\\d+\\b", "<uniqueid>")
                        .replaceAll("^(HoldTime|TalkTime|LastCall|LoginTime): \\d+$", "$1: <seconds>"))
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String headerNames(String message) {
        return String.join(" ", message.lines().filter(line -> !line.isEmpty())
                .map(line -> line.substring(0, line.indexOf(':'))).toList());
    }
}
