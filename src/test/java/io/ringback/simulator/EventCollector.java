package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.ManagerEvent;

/** Records every event an asterisk-java connection dispatches and waits for the ones a test expects. */
final class EventCollector implements ManagerEventListener {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onManagerEvent(ManagerEvent event) {
        events.add(event);
    }

    /** The first event of the type matching {@code condition}, waiting up to {@link #TIMEOUT}. */
    <T extends ManagerEvent> T await(Class<T> type, Predicate<? super T> condition) {
        return awaitCount(type, condition, 1).getFirst();
    }

    /** Waits until {@code count} events of the type match and returns them in arrival order. */
    <T extends ManagerEvent> List<T> awaitCount(Class<T> type, Predicate<? super T> condition, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<T> matching = matching(type, condition);
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " " + type.getSimpleName() + " within " + TIMEOUT
                        + " but got " + matching.size() + "; received: " + events);
            }
            pause(Duration.ofMillis(10));
        }
    }

    /** Asserts that no matching event of the type arrives within {@code window}. */
    <T extends ManagerEvent> void assertNoneWithin(Duration window, Class<T> type, Predicate<? super T> condition) {
        pause(window);
        assertThat(matching(type, condition)).as("%s events", type.getSimpleName()).isEmpty();
    }

    /** Events of the types given, in arrival order (for sequence assertions). */
    List<ManagerEvent> ofTypes(List<Class<? extends ManagerEvent>> types) {
        return events.stream().filter(e -> types.stream().anyMatch(t -> t.isInstance(e))).toList();
    }

    private <T extends ManagerEvent> List<T> matching(Class<T> type, Predicate<? super T> condition) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(condition).toList();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
