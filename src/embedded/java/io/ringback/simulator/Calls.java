package io.ringback.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls placed for Originates, by their {@code ChannelId}: live from the Originate until the call
 * is over, then ended (once). Tells every {@link CallJournal}. Thread-safe, never blocks.
 */
final class Calls {

    private static final Logger log = LoggerFactory.getLogger(Calls.class);

    private final List<CallJournal> journals = new CopyOnWriteArrayList<>();
    private final Map<String, OriginateRecord> live = new ConcurrentHashMap<>();
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();

    void addJournal(CallJournal journal) {
        journals.add(journal);
    }

    void originated(OriginateRecord originate) {
        if (originate.channelId() != null) {
            live.put(originate.channelId(), originate);
        }
        for (CallJournal journal : journals) {
            try {
                journal.originated(originate);
            } catch (RuntimeException e) {
                log.warn("A call journal failed: {}", e.toString());
            }
        }
    }

    /** The call of the Originate with this ChannelId is over; later reports of the same call are ignored. */
    void ended(String channelId, Instant at, String how) {
        if (channelId == null || ended.putIfAbsent(channelId, at) != null) {
            return;
        }
        live.remove(channelId);
        for (CallJournal journal : journals) {
            try {
                journal.ended(channelId, at, how);
            } catch (RuntimeException e) {
                log.warn("A call journal failed: {}", e.toString());
            }
        }
    }

    boolean isLive(String channelId) {
        return channelId != null && live.containsKey(channelId);
    }

    Optional<Instant> endOf(String channelId) {
        return Optional.ofNullable(channelId == null ? null : ended.get(channelId));
    }
}
