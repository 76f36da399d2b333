package io.ringback.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentTest {

    @Test
    void interfacesAreOneWhateverTheirCase() {
        assertThat(Agent.interfaceKey("PJSIP/Ana")).isEqualTo(Agent.interfaceKey("pjsip/ana"));
    }
}
