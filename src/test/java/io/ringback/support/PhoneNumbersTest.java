package io.ringback.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "'+55 11 91234-0001', +5511912340001",
            "'(11) 3333.4444', 1133334444",
            "5550001, 5550001",
            "'  0800 / 123 ', 0800123",
            "101, 101"})
    void separatorsAreRemovedAndALeadingPlusKept(String raw, String normalised) {
        assertThat(PhoneNumbers.normalise(raw)).contains(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "<unknown>", "anonymous", "12", "+", "123456789012345678901", "55+11", "12a34"})
    void whatCannotBeDialedIsRejected(String raw) {
        assertThat(PhoneNumbers.normalise(raw)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"+5511912340001, **********0001", "5550001, ***0001", "101, **1", "'', ''"})
    void masksKeepOnlyTheLastDigits(String number, String masked) {
        assertThat(PhoneNumbers.mask(number)).isEqualTo(masked);
    }
}
