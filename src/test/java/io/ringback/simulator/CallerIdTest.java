package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallerIdTest {

    @ParameterizedTest(name = "[{0}] is number {1}, name {2}")
    @CsvSource(delimiter = '|', value = {
            "\"Callback\" <5551234>|5551234|Callback",
            "Alice <5550001>|5550001|Alice",
            "<5550001>|5550001|<unknown>",
            "+495551234|+495551234|<unknown>",
            "Reception|<unknown>|Reception",
            "''|<unknown>|<unknown>"})
    void callerIdIsSplitIntoNumberAndName(String callerId, String number, String name) {
        assertThat(CallerId.parse(callerId)).isEqualTo(new CallerId(number, name));
    }
}
