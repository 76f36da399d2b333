package io.ringback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.it.RingbackIntegrationTest;
import io.ringback.telephony.AmiRejections;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile AMI input in the running application: the simulated Asterisk writes malformed frames and
 * OriginateResponses for ActionIDs the orchestrator never sent between real abandons. Each is rejected
 * loudly ({@code ringback_ami_events_rejected_total} by event and field), the AMI session is kept and
 * every abandon around them becomes its callback. {@link AmiHostilePeerTest} throws the seeded thousands at
 * the client alone; this is the same wire guard with everything behind it, including the check that
 * only the callback module can make: that no attempt has the ActionID.
 */
class AmiHostileFramesTest extends RingbackIntegrationTest {

    @Autowired AmiRejections rejections;

    @Test
    void anOriginateResponseForAnActionIdNeverSentAndMalformedFramesAreRejectedLoudlyAndNoAbandonAroundThemIsLost() {
        String queue = queueWithAgent("it-fast-hostile");
        long disconnects = ami.disconnects();
        Map<String, Double> before = counts();
        List<String> numbers = List.of(newNumber(), newNumber(), newNumber(), newNumber());

        asterisk.abandon(queue, numbers.get(0), "Before", 40);
        // our own ActionID prefix (asterisk-java's n_n# then rb-<callback>-<attempt>) for an attempt nobody made
        asterisk.sendRaw(originateResponse("7_1#rb-" + UUID.randomUUID() + "-1"));
        // another application's Originate on the same PBX
        asterisk.sendRaw(originateResponse("7_2#crm-dialer-42"));
        asterisk.abandon(queue, numbers.get(1), "Between", 40);
        asterisk.sendRaw(bytes("Event: QueueCallerAbandon\r\nQueue: " + queue + "\r\nUniqueid: 1796.7\r\n")); // no blank line
        asterisk.sendRaw(concat(bytes("Event: QueueCallerAbandon\r\nQueue: " + queue + "\r\nCallerIDName: Jos"),
                new byte[] {(byte) 0xC3, (byte) 0x28}, bytes("\r\nUniqueid: 1796.8\r\nHoldTime: 40\r\n\r\n")));
        asterisk.sendRaw(bytes("Event: QueueCallerAbandon\r\nQueue: " + queue + "\r\nQueue: sales\r\nUniqueid: 1796.9\r\n\r\n"));
        asterisk.sendRaw(bytes("Event: QueueCallerAbandon\r\nQueue: sup\u0000port\r\nUniqueid: 1796.10\r\n\r\n"));
        asterisk.abandon(queue, numbers.get(2), "After", 40);
        asterisk.sendRaw(bytes("Event: RingbackNoSuchEvent\r\nPrivilege: all\r\n\r\n".repeat(200)));
        asterisk.abandon(queue, numbers.get(3), "Last", 40);

        numbers.forEach(number -> awaitCallback(queue, number));
        Map<String, Double> rejected = new TreeMap<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            rejected.clear();
            counts().forEach((k, v) -> {
                double delta = v - before.getOrDefault(k, 0.0);
                if (delta > 0) {
                    rejected.put(k, delta);
                }
            });
            assertThat(rejected).containsEntry("OriginateResponse/actionid", 2.0)
                    .containsEntry("QueueCallerAbandon/frame-end", 1.0)
                    .containsEntry("QueueCallerAbandon/encoding", 1.0)
                    .containsEntry("QueueCallerAbandon/duplicate-header", 1.0)
                    .containsEntry("QueueCallerAbandon/nul", 1.0)
                    .containsEntry("unknown/event", 200.0);
        });
        System.out.printf("AMI hostile frames through the application: %s rejected, %d abandons around them kept%n",
                rejected, numbers.size());
        assertThat(ami.disconnects()).as("the AMI session is kept").isEqualTo(disconnects);
        assertThat(ami.isConnected()).isTrue();
    }

    private Map<String, Double> counts() {
        Map<String, Double> counts = new TreeMap<>();
        for (String key : List.of("OriginateResponse/actionid", "QueueCallerAbandon/frame-end", "QueueCallerAbandon/encoding",
                "QueueCallerAbandon/duplicate-header", "QueueCallerAbandon/nul", "unknown/event")) {
            String[] parts = key.split("/");
            counts.put(key, rejections.count(parts[0], parts[1]));
        }
        return counts;
    }

    private static byte[] originateResponse(String actionId) {
        return bytes("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: " + actionId + "\r\nResponse: Success\r\n"
                + "Channel: Local/9555@outbound\r\nContext: callback\r\nExten: s\r\nApplication: \r\nData: \r\nReason: 4\r\n"
                + "Uniqueid: 1796.55\r\nCallerIDNum: <unknown>\r\nCallerIDName: <unknown>\r\n\r\n");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        return Hostile.concat(parts);
    }
}
