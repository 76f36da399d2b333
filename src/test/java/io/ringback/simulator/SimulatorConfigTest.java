package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorConfigTest {

    @Test
    void defaultsPlayAOneSecondMessageAndLetLeavingCustomersWaitNineSecondsAsInTheCapture() {
        SimulatorConfig defaults = SimulatorConfig.defaults();

        assertThat(defaults.messageDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.leaveQueueAfter()).isEqualTo(Duration.ofSeconds(9));
        assertThat(defaults.channelVariables()).isEmpty();
    }

    @Test
    void constructorWithTheEarlierSettingsGivesTheNewOnesTheirDefaults() {
        SimulatorConfig defaults = SimulatorConfig.defaults();

        SimulatorConfig earlier = new SimulatorConfig(0, "u", "s", defaults.queues(), CustomerBehaviour.BUSY,
                Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(2));

        assertThat(earlier.messageDuration()).isEqualTo(defaults.messageDuration());
        assertThat(earlier.leaveQueueAfter()).isEqualTo(defaults.leaveQueueAfter());
        assertThat(earlier.channelVariables()).isEmpty();
    }

    @Test
    void witherChangesOnlyItsSetting() {
        SimulatorConfig config = SimulatorConfig.defaults().withChannelVariables("CB_CALLBACK_ID", "CB_ATTEMPT")
                .withMessageDuration(Duration.ofMillis(5)).withPort(0);

        assertThat(config.channelVariables()).containsExactly("CB_CALLBACK_ID", "CB_ATTEMPT");
        assertThat(config.messageDuration()).isEqualTo(Duration.ofMillis(5));
        assertThat(config.leaveQueueAfter()).isEqualTo(Duration.ofSeconds(9));
        assertThat(config.port()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "CDR(src)", "A,B"})
    void channelVariableMustBeAPlainVariableName(String name) {
        assertThatThrownBy(() -> SimulatorConfig.defaults().withChannelVariables(name))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeMessageDurationOrLeaveTimeIsRejected() {
        assertThatThrownBy(() -> SimulatorConfig.defaults().withMessageDuration(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorConfig.defaults().withLeaveQueueAfter(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void channelVariableListIsCopied() {
        List<String> names = new ArrayList<>(List.of("CB_ATTEMPT"));
        SimulatorConfig config = SimulatorConfig.defaults().withChannelVariables(names);

        names.add("CB_OTHER");

        assertThat(config.channelVariables()).containsExactly("CB_ATTEMPT");
    }
}
