package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's bytes on the wire, compared with the Asterisk 22 captures in shared/ami-transcripts/. */
class RawAmiProtocolTest {

    private static final String CHANNEL_BLOCK = "Channel ChannelState ChannelStateDesc CallerIDNum CallerIDName "
            + "ConnectedLineNum ConnectedLineName Language AccountCode Context Exten Priority Uniqueid Linkedid";
    private static final String DEST_BLOCK = "DestChannel DestChannelState DestChannelStateDesc DestCallerIDNum "
            + "DestCallerIDName DestConnectedLineNum DestConnectedLineName DestLanguage DestAccountCode DestContext "
            + "DestExten DestPriority DestUniqueid DestLinkedid";
    private static final String MEMBER_BLOCK = "Queue MemberName Interface StateInterface Membership Penalty "
            + "CallsTaken LastCall LastPause LoginTime InCall Status Paused PausedReason Ringinuse Wrapuptime";

    private SimulatedAsterisk asterisk;
    private RawAmiClient client;

    @BeforeEach
    void start() throws Exception {
        asterisk = new SimulatedAsterisk(SimulatorTestSupport.fastConfig());
        asterisk.start();
        client = new RawAmiClient(asterisk.port());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        asterisk.close();
    }

    @Test
    void bannerIsTheFirstLine() throws Exception {
        assertThat(client.readLine()).isEqualTo("Asterisk Call Manager/11.0.0\r\n");
    }

    @Test
    void challengeAndMd5KeyLoginAreAnsweredAsInTheCapture() throws Exception {
        client.readLine();

        client.send("Action: Challenge", "AuthType: MD5", "ActionID: ch-1");
        String challengeResponse = client.readMessage();
        assertThat(challengeResponse).matches("Response: Success\r\nActionID: ch-1\r\nChallenge: \\d{9}\r\n\r\n");
        String challenge = challengeResponse.split("\r\n")[2].substring("Challenge: ".length());

        client.send("Action: Login", "Username: ringback", "AuthType: MD5",
                "Key: " + RawAmiClient.md5Hex(challenge + "ringback"), "ActionID: login-1");
        assertThat(client.readMessage())
                .isEqualTo("Response: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\n");
        assertThat(client.readMessage()).matches(
                "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: \\d+\r\nLastReload: \\d+\r\nStatus: Fully Booted\r\n\r\n");
        assertThat(asterisk.loggedInSessions()).isEqualTo(1);
    }

    @Test
    void plainSecretLoginIsAccepted() throws Exception {
        client.readLine();

        client.send("Action: Login", "Username: ringback", "Secret: ringback", "ActionID: login-1");

        assertThat(client.readMessage()).isEqualTo(
                "Response: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\n");
    }

    @Test
    void failedLoginIsAnsweredAfterADelayAndTheSocketIsClosed() throws Exception {
        client.readLine();
        long started = System.nanoTime();

        client.send("Action: Login", "Username: ringback", "Secret: wrong", "ActionID: login-1");

        assertThat(client.readMessage())
                .isEqualTo("Response: Error\r\nActionID: login-1\r\nMessage: Authentication failed\r\n\r\n");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(client.read()).isEqualTo(-1);
    }

    @Test
    void actionsBeforeLoginArePermissionDenied() throws Exception {
        client.readLine();

        client.send("Action: Ping", "ActionID: p-1");

        assertThat(client.readMessage()).isEqualTo("Response: Error\r\nActionID: p-1\r\nMessage: Permission denied\r\n\r\n");
    }

    @Test
    void pingIsAnsweredWithPongAndTheEchoedActionId() throws Exception {
        client.logIn("ringback", "ringback");

        client.send("Action: Ping", "ActionID: 454325163_9#my-ping");

        assertThat(client.readMessage()).matches(
                "Response: Success\r\nActionID: 454325163_9#my-ping\r\nPing: Pong\r\nTimestamp: \\d+\\.\\d{6}\r\n\r\n");
    }

    @Test
    void headerNamesOfRequestsAreCaseInsensitive() throws Exception {
        client.logIn("ringback", "ringback");

        client.send("action: ping", "actionid: lower-1");

        assertThat(client.readMessage()).startsWith("Response: Success\r\nActionID: lower-1\r\nPing: Pong\r\n");
    }

    @Test
    void unknownActionIsAnError() throws Exception {
        client.logIn("ringback", "ringback");

        client.send("Action: Teleport", "ActionID: t-1");

        assertThat(client.readMessage())
                .isEqualTo("Response: Error\r\nActionID: t-1\r\nMessage: Invalid/unknown command\r\n\r\n");
    }

    @Test
    void messageWithoutActionIsAnError() throws Exception {
        client.logIn("ringback", "ringback");

        client.send("ActionID: x-1", "Queue: support");

        assertThat(client.readMessage())
                .isEqualTo("Response: Error\r\nActionID: x-1\r\nMessage: Missing action in request\r\n\r\n");
    }

    @Test
    void logoffSaysGoodbyeAndClosesTheSocket() throws Exception {
        client.logIn("ringback", "ringback");

        client.send("Action: Logoff", "ActionID: bye");

        assertThat(client.readMessage())
                .isEqualTo("Response: Goodbye\r\nActionID: bye\r\nMessage: Thanks for all the fish.\r\n\r\n");
        assertThat(client.read()).isEqualTo(-1);
    }

    @Test
    void coreSettingsMatchesTheCapture() throws Exception {
        client.logIn("ringback", "ringback");

        client.send("action: CoreSettings", "actionid: 454325163_2#");

        assertThat(client.readMessage()).isEqualTo("""
                Response: Success\r
                ActionID: 454325163_2#\r
                AMIversion: 11.0.0\r
                AsteriskVersion: 22.10.1\r
                SystemName: \r
                CoreMaxCalls: 0\r
                CoreMaxLoadAvg: 0.000000\r
                CoreRunUser: \r
                CoreRunGroup: \r
                CoreMaxFilehandles: 0\r
                CoreRealTimeEnabled: No\r
                CoreCDRenabled: Yes\r
                CoreHTTPenabled: No\r
                SoundsSearchCustomDir: No\r
                \r
                """);
    }

    @Test
    void queueStatusListMatchesTheCapture() throws Exception {
        client.logIn("ringback", "ringback");

        client.send("Action: QueueStatus", "ActionID: qs-1", "Queue: support");

        assertThat(client.readMessage()).isEqualTo(
                "Response: Success\r\nActionID: qs-1\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\n");
        assertThat(client.readMessage()).isEqualTo("""
                Event: QueueParams\r
                Queue: support\r
                Max: 0\r
                Strategy: rrmemory\r
                Calls: 0\r
                Holdtime: 0\r
                TalkTime: 0\r
                Completed: 0\r
                Abandoned: 0\r
                ServiceLevel: 0\r
                ServicelevelPerf: 0.0\r
                ServicelevelPerf2: 0.0\r
                Weight: 0\r
                ActionID: qs-1\r
                \r
                """);
        assertThat(client.readMessage()).matches("""
                Event: QueueMember\r
                Queue: support\r
                Name: Agent One\r
                Location: Local/agent1@agents\r
                StateInterface: Local/agent1@agents\r
                Membership: static\r
                Penalty: 0\r
                CallsTaken: 0\r
                LastCall: 0\r
                LastPause: 0\r
                LoginTime: \\d+\r
                InCall: 0\r
                Status: 1\r
                Paused: 0\r
                PausedReason: \r
                Wrapuptime: 0\r
                ActionID: qs-1\r
                \r
                """);
        assertThat(client.readMessage()).startsWith("Event: QueueMember\r\nQueue: support\r\nName: Agent Two\r\n");
        assertThat(client.readMessage())
                .isEqualTo("Event: QueueStatusComplete\r\nActionID: qs-1\r\nEventList: Complete\r\nListItems: 3\r\n\r\n");
    }

    @Test
    void queuePauseIsAnsweredBeforeItsEventAsInTheCapture() throws Exception {
        client.logIn("ringback", "ringback");

        client.send("Action: QueuePause", "ActionID: pause-1", "Queue: support", "Interface: Local/agent2@agents",
                "Paused: true", "Reason: lunch");

        assertThat(client.readMessage())
                .isEqualTo("Response: Success\r\nActionID: pause-1\r\nMessage: Interface paused successfully\r\n\r\n");
        String pause = client.readMessage();
        assertThat(headerNames(pause)).isEqualTo("Event Privilege " + MEMBER_BLOCK);
        assertThat(pause).contains("Privilege: agent,all\r\n", "MemberName: Agent Two\r\n", "Paused: 1\r\n",
                "PausedReason: lunch\r\n");
    }

    @Test
    void failedOriginateResponseMatchesTheCaptureByteForByte() throws Exception {
        asterisk.setBehaviour("9201", CustomerBehaviour.BUSY);
        client.logIn("ringback", "ringback");

        sendCapturedOriginate("cb-busy", "Local/9201@outbound");

        assertThat(client.readMessage())
                .isEqualTo("Response: Success\r\nActionID: cb-busy\r\nMessage: Originate successfully queued\r\n\r\n");
        assertThat(client.readMessage()).isEqualTo("""
                Event: OriginateResponse\r
                Privilege: call,all\r
                ActionID: cb-busy\r
                Response: Failure\r
                Channel: Local/9201@outbound\r
                Context: callback\r
                Exten: s\r
                Reason: 5\r
                Uniqueid: <unknown>\r
                CallerIDNum: 5551234\r
                CallerIDName: Callback\r
                \r
                """);
    }

    @Test
    void answeredCallbackEventsCarryTheCapturedHeaders() throws Exception {
        client.logIn("ringback", "ringback");

        sendCapturedOriginate("cb-answer", "Local/9101@outbound");

        client.readMessage();
        assertThat(client.readMessage()).matches("""
                Event: OriginateResponse\r
                Privilege: call,all\r
                ActionID: cb-answer\r
                Response: Success\r
                Channel: Local/9101@outbound-[0-9a-f]{8};1\r
                Context: callback\r
                Exten: s\r
                Reason: 4\r
                Uniqueid: \\d+\\.\\d+\r
                CallerIDNum: 5551234\r
                CallerIDName: Callback\r
                \r
                """);
        List<String> sequence = List.of(client.readMessage(), client.readMessage(), client.readMessage(),
                client.readMessage(), client.readMessage());
        assertThat(sequence).extracting(RawAmiProtocolTest::headerNames).containsExactly(
                "Event Privilege " + CHANNEL_BLOCK + " Queue Position Count",
                "Event Privilege " + CHANNEL_BLOCK + " " + DEST_BLOCK + " Queue Interface MemberName",
                "Event Privilege " + CHANNEL_BLOCK + " Queue Position Count",
                "Event Privilege " + CHANNEL_BLOCK + " " + DEST_BLOCK + " Queue Interface MemberName HoldTime RingTime",
                "Event Privilege " + MEMBER_BLOCK);
        assertThat(sequence).extracting(message -> message.lines().findFirst().orElseThrow()).containsExactly(
                "Event: QueueCallerJoin", "Event: AgentCalled", "Event: QueueCallerLeave", "Event: AgentConnect",
                "Event: QueueMemberStatus");
        assertThat(sequence.getLast()).contains("InCall: 1\r\n", "Status: 2\r\n");
        String complete = client.readMessageStartingWith("Event: AgentComplete");
        assertThat(headerNames(complete)).isEqualTo("Event Privilege " + CHANNEL_BLOCK + " " + DEST_BLOCK
                + " Queue Interface MemberName HoldTime TalkTime Reason");
        assertThat(client.readMessageStartingWith("Event: QueueMemberStatus")).contains("CallsTaken: 1\r\n",
                "InCall: 0\r\n", "Status: 1\r\n");
    }

    @Test
    void applicationOriginateIsAnsweredWithApplicationAndDataAsInAbandonTxt() throws Exception {
        client.logIn("ringback", "ringback");

        client.send("Action: Originate", "ActionID: caller-1", "Channel: Local/abandonq@callers",
                "Application: Wait", "Data: 8", "Async: true", "CallerID: \"Alice\" <5550001>");

        client.readMessage();
        assertThat(client.readMessage()).matches("""
                Event: OriginateResponse\r
                Privilege: call,all\r
                ActionID: caller-1\r
                Response: Success\r
                Channel: Local/abandonq@callers-[0-9a-f]{8};1\r
                Application: Wait\r
                Data: 8\r
                Reason: 4\r
                Uniqueid: \\d+\\.\\d+\r
                CallerIDNum: 5550001\r
                CallerIDName: Alice\r
                \r
                """);
    }

    @Test
    void abandonEventsCarryTheCapturedHeaders() throws Exception {
        client.logIn("ringback", "ringback");

        asterisk.abandon("support", "5550001", "Alice", 8);

        String abandon = client.readMessageStartingWith("Event: QueueCallerAbandon");
        assertThat(headerNames(abandon))
                .isEqualTo("Event Privilege " + CHANNEL_BLOCK + " Queue Position OriginalPosition HoldTime");
        assertThat(abandon).contains("CallerIDNum: 5550001\r\n", "CallerIDName: Alice\r\n", "HoldTime: 8\r\n");
    }

    @Test
    void slowClientDoesNotBlockTheScenarioApiAndIsDisconnected() throws Exception {
        client.close();
        asterisk.close();
        asterisk = new SimulatedAsterisk(SimulatorTestSupport.fastConfig(), 100);
        asterisk.start();
        client = new RawAmiClient(asterisk.port());
        client.logIn("ringback", "ringback");
        long started = System.nanoTime();

        for (int i = 0; i < 20_000; i++) {
            asterisk.abandon("support", "5550001", "Alice", 1);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (asterisk.loggedInSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(asterisk.loggedInSessions()).isZero();
    }

    /** The Originate of originate.raw, as our product sends it. */
    private void sendCapturedOriginate(String actionId, String channel) throws Exception {
        client.send("Action: Originate", "ActionID: " + actionId, "Channel: " + channel, "Async: true",
                "Timeout: 20000", "CallerID: \"Callback\" <5551234>", "Context: callback", "Exten: s", "Priority: 1",
                "Variable: CB_QUEUE=support", "Variable: CB_ID=" + actionId);
    }

    private static String headerNames(String message) {
        return String.join(" ", message.lines().filter(line -> !line.isEmpty())
                .map(line -> line.substring(0, line.indexOf(':'))).toList());
    }
}
