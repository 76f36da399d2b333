package io.ringback.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which {@link CustomerBehaviour} the next Originate to a number meets.
 *
 * <p>A registered sequence is consumed one behaviour per Originate; its last behaviour repeats. A
 * dialed number uses the sequence registered for exactly that number, otherwise the one of the
 * longest registered number it ends with (so a dial prefix such as {@code 9} still matches),
 * otherwise the default behaviour. Numbers are compared by their digits only. Thread-safe.
 */
final class BehaviourBook {

    private final CustomerBehaviour defaultBehaviour;
    private final Map<String, Deque<CustomerBehaviour>> sequences = new HashMap<>();

    BehaviourBook(CustomerBehaviour defaultBehaviour) {
        this.defaultBehaviour = defaultBehaviour;
    }

    /** Registers (or replaces) the sequence for {@code number}. */
    synchronized void register(String number, CustomerBehaviour... sequence) {
        Objects.requireNonNull(number, "number");
        String digits = PhoneNumbers.digits(number);
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("number must contain digits");
        }
        if (sequence == null || sequence.length == 0) {
            throw new IllegalArgumentException("at least one behaviour is required for a number");
        }
        sequences.put(digits, new ArrayDeque<>(List.of(sequence)));
    }

    /** Consumes and returns the behaviour for an Originate to {@code dialedNumber} (digits only). */
    synchronized CustomerBehaviour next(String dialedNumber) {
        Deque<CustomerBehaviour> sequence = sequences.get(dialedNumber);
        if (sequence == null) {
            sequence = longestSuffixMatch(dialedNumber);
        }
        if (sequence == null) {
            return defaultBehaviour;
        }
        return sequence.size() > 1 ? sequence.pollFirst() : sequence.peekFirst();
    }

    private Deque<CustomerBehaviour> longestSuffixMatch(String dialedNumber) {
        String best = null;
        for (String number : sequences.keySet()) {
            if (dialedNumber.endsWith(number) && (best == null || number.length() > best.length())) {
                best = number;
            }
        }
        return best == null ? null : sequences.get(best);
    }
}
