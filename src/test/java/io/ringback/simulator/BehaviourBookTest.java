package io.ringback.simulator;

import static io.ringback.simulator.CustomerBehaviour.ANSWER;
import static io.ringback.simulator.CustomerBehaviour.BUSY;
import static io.ringback.simulator.CustomerBehaviour.CONGESTION;
import static io.ringback.simulator.CustomerBehaviour.NO_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BehaviourBookTest {

    private final BehaviourBook book = new BehaviourBook(ANSWER);

    @Test
    void unregisteredNumberMeetsTheDefaultBehaviour() {
        assertThat(book.next("0555123456")).isEqualTo(ANSWER);
    }

    @Test
    void sequenceIsConsumedAndItsLastBehaviourRepeats() {
        book.register("0555123456", BUSY, NO_ANSWER);

        assertThat(book.next("0555123456")).isEqualTo(BUSY);
        assertThat(book.next("0555123456")).isEqualTo(NO_ANSWER);
        assertThat(book.next("0555123456")).isEqualTo(NO_ANSWER);
    }

    @Test
    void exactMatchWinsOverASuffixMatch() {
        book.register("123456", BUSY);
        book.register("90555123456", CONGESTION);

        assertThat(book.next("90555123456")).isEqualTo(CONGESTION);
    }

    @Test
    void longestRegisteredSuffixWins() {
        book.register("3456", BUSY);
        book.register("0555123456", CONGESTION);

        assertThat(book.next("90555123456")).isEqualTo(CONGESTION);
        assertThat(book.next("99993456")).isEqualTo(BUSY);
    }

    @Test
    void registeredNumbersAreComparedByTheirDigits() {
        book.register("+49 (555) 1234", BUSY);

        assertThat(book.next("00495551234")).isEqualTo(BUSY);
    }

    @Test
    void emptySequenceIsRejected() {
        assertThatThrownBy(() -> book.register("0555")).isInstanceOf(IllegalArgumentException.class);
    }
}
