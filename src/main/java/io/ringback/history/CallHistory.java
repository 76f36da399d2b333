package io.ringback.history;

import io.ringback.callback.CallbackCalls;
import io.ringback.callback.CallbackRepository;
import io.ringback.directory.AgentDirectory;
import io.ringback.support.PhoneNumbers;
import io.ringback.telephony.AmiProperties;
import io.ringback.telephony.PbxEvents.AgentConnected;
import io.ringback.telephony.PbxEvents.DialEnded;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who spoke with whom, recorded by the orchestrator itself from what the PBX reports: every time an
 * agent answered a queue call ({@code AgentConnect}) or a callback dialed to an agent was answered
 * ({@code DialEnd}), by the customer's number in its normal form, with the agent's interface and, when
 * the agent directory knows the interface, their user id. It answers "the last agent who spoke with this
 * customer" for sticky callbacks (SPEC §4). For the orchestrator's own calls the customer is the
 * callback's number, not the caller id the PBX shows.
 */
@Component
public class CallHistory {

    private static final Logger log = LoggerFactory.getLogger(CallHistory.class);

    private final JdbcClient jdbc;
    private final PhoneNumbers phones;
    private final AgentDirectory directory;
    private final CallbackRepository callbacks;
    private final AmiProperties ami;

    CallHistory(JdbcClient jdbc, PhoneNumbers phones, AgentDirectory directory, CallbackRepository callbacks,
                AmiProperties ami) {
        this.jdbc = jdbc;
        this.phones = phones;
        this.directory = directory;
        this.callbacks = callbacks;
        this.ami = ami;
    }

    /** The last agent who spoke with a customer. */
    public record LastAgent(String memberInterface, String agentUserId, Instant at) {}

    @EventListener
    void on(AgentConnected event) {
        record(event.uniqueId(), event.linkedId(), event.channelVariables(), event.callerNumber(), event.queue(),
                event.memberInterface(), event.at());
    }

    @EventListener
    void on(DialEnded event) {
        // a dial answered by an agent of the directory (a sticky callback sent to its agent, a queue's
        // member call); not the customer leg's own dial through an outbound route
        if (event.answered() && directory.byInterface(event.destInterface()).isPresent()) {
            record(event.uniqueId(), event.linkedId(), event.channelVariables(), null, null, event.destInterface(),
                    event.at());
        }
    }

    /**
     * The last agent who spoke with this number since {@code since}, whose interface the directory maps
     * to a user (the owner of a callback is a user); empty when there is none.
     */
    public Optional<LastAgent> lastAgentOf(String phoneNumber, Instant since) {
        return jdbc.sql("""
                select member_interface, agent_user_id, connected_at from agent_call
                where phone_number = ? and connected_at >= ? and agent_user_id is not null
                order by connected_at desc, id desc limit 1""")
                .params(phoneNumber, Timestamp.from(since))
                .query((rs, n) -> new LastAgent(rs.getString("member_interface"), rs.getString("agent_user_id"),
                        rs.getTimestamp("connected_at").toInstant()))
                .optional();
    }

    private void record(String uniqueId, String linkedId, Map<String, String> variables, String callerNumber,
                        String queue, String memberInterface, Instant at) {
        if (memberInterface == null || uniqueId == null) {
            return;
        }
        Optional<String> number;
        String inQueue = queue;
        var attempt = CallbackCalls.of(uniqueId, linkedId, variables);
        if (attempt.isPresent()) { // our own call: the customer is the callback's number
            var callback = callbacks.find(attempt.get().callbackId());
            number = callback.map(c -> c.phoneNumber());
            inQueue = inQueue != null ? inQueue : callback.map(c -> c.queue()).orElse("");
        } else {
            number = phones.normalise(callerNumber);
        }
        if (number.isEmpty() || inQueue == null) {
            return; // anonymous callers, and direct dials that are not ours, have no customer to remember
        }
        String userId = directory.byInterface(memberInterface).map(a -> a.userId()).orElse(null);
        jdbc.sql("""
                insert into agent_call (phone_number, queue, member_interface, agent_user_id, unique_id, source, connected_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (source, unique_id, member_interface) do nothing""")
                .params(number.get(), inQueue, memberInterface, userId, uniqueId, ami.source(), Timestamp.from(at))
                .update();
        log.debug("{} spoke with agent {} in queue {}", phones.mask(number.get()), memberInterface, inQueue);
    }
}
