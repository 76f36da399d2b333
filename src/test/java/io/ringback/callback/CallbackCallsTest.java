package io.ringback.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The orchestrator recognises its own calls by their ids or channel variables, and only those. */
class CallbackCallsTest {

    final UUID callback = UUID.fromString("e398b2c5-7016-4494-b0e0-6f4bc4f32f7a");

    @Test
    void theChannelIdOfAnAttemptNamesItsCallbackAndAttempt() {
        assertThat(CallbackCalls.parse("rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-2"))
                .contains(new CallbackCalls.AttemptRef(callback, 2));
        assertThat(CallbackCalls.parse("rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1;2"))
                .as("the ;2 half of the Local channel").contains(new CallbackCalls.AttemptRef(callback, 1));
    }

    @Test
    void otherIdsAreNotAttempts() {
        assertThat(CallbackCalls.parse("1796145280.20")).isEmpty();
        assertThat(CallbackCalls.parse("rb-not-a-uuid-1")).isEmpty();
        assertThat(CallbackCalls.parse(null)).isEmpty();
    }

    @Test
    void anEventOnTheCallbacksChannelOrLinkedToItIsOurs() {
        assertThat(CallbackCalls.isOurs("rb-" + callback + "-1", "rb-" + callback + "-1", Map.of())).isTrue();
        assertThat(CallbackCalls.isOurs("1796145280.21", "rb-" + callback + "-1", Map.of())).as("the agent leg").isTrue();
        assertThat(CallbackCalls.isOurs("1796145280.21", "1796145280.20",
                Map.of("CB_CALLBACK_ID", callback.toString(), "CB_ATTEMPT", "1"))).as("by channelvars").isTrue();
    }

    @Test
    void aCustomersOwnCallIsNotOursEvenWithTheEmptyChannelVariablesAsteriskWritesOnEveryChannel() {
        assertThat(CallbackCalls.isOurs("1796145280.20", "1796145280.19", Map.of("CB_CALLBACK_ID", "", "CB_ATTEMPT", "")))
                .isFalse();
        assertThat(CallbackCalls.of("1796145280.20", "1796145280.19", Map.of("CB_CALLBACK_ID", "", "CB_ATTEMPT", "")))
                .isEmpty();
    }

    @Test
    void theMainChannelIsTheAttemptsOwnNotItsOtherHalf() {
        var attempt = new CallbackCalls.AttemptRef(callback, 1);
        assertThat(CallbackCalls.isMainChannel("rb-" + callback + "-1", attempt)).isTrue();
        assertThat(CallbackCalls.isMainChannel("rb-" + callback + "-1;2", attempt)).isFalse();
    }
}
