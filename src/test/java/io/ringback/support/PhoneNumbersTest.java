package io.ringback.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    final PhoneNumbers phones = new PhoneNumbers("BR", () -> "a key for the tests".getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "'+55 11 91234-0001', +5511912340001",
            "'(11) 91234-0001', +5511912340001",
            "'11 91234.0001', +5511912340001",
            "'011 91234-0001', +5511912340001",
            "'+55 (11) 3333-4444', +551133334444",
            "'+351 21 123 4567', +351211234567",
            "'+1 (212) 555-0100', +12125550100"})
    void everyWayOfWritingANumberGivesOneNormalForm(String raw, String normalised) {
        assertThat(phones.normalise(raw)).contains(normalised);
    }

    @ParameterizedTest(name = "{0} keeps its digits: {1}")
    @CsvSource({"101, 101", "'  0800 / 123 ', 0800123", "5550001, 5550001"})
    void aNumberOfNoCountryKeepsItsDigits(String raw, String normalised) {
        assertThat(phones.normalise(raw)).contains(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "<unknown>", "anonymous", "12", "+", "123456789012345678901", "55+11", "12a34",
            "+55 11 91234-0001 ext 2 and more text"})
    void whatCannotBeDialedIsRejected(String raw) {
        assertThat(phones.normalise(raw)).isEmpty();
    }

    @Test
    void aMaskKeepsTheCountryCodeTheLastDigitsAndATagOfTheWholeNumber() {
        String masked = phones.mask("+5511912340001");

        assertThat(masked).matches("\\+55\\*{7}0001~[0-9a-f]{4}");
        assertThat(masked).doesNotContain("91234");
    }

    @Test
    void twoNumbersEndingAlikeHaveDifferentMasks() {
        assertThat(phones.mask("+5511912340001")).isNotEqualTo(phones.mask("+5521912340001"));
        assertThat(phones.mask("+5511912340001")).isEqualTo(phones.mask("+5511912340001"));
    }

    @Test
    void shortNumbersShowNoDigitsButStayRecognisable() {
        assertThat(phones.mask("101")).matches("\\*{3}~[0-9a-f]{4}");
        assertThat(phones.mask("101")).isNotEqualTo(phones.mask("102"));
        assertThat(phones.mask("5550001")).matches("\\*{5}01~[0-9a-f]{4}");
    }

    @Test
    void anotherInstallationMasksTheSameNumberDifferently() {
        var elsewhere = new PhoneNumbers("BR", () -> "another key".getBytes(StandardCharsets.UTF_8));

        assertThat(elsewhere.mask("+5511912340001")).isNotEqualTo(phones.mask("+5511912340001"));
    }

    @Test
    void theNationalFormIsTheNumberAsDialedInItsCountry() {
        assertThat(phones.national("+5511912340001")).isEqualTo("11912340001");
        assertThat(phones.national("+442079460018")).isEqualTo("02079460018");
        assertThat(phones.national("101")).isEqualTo("101");
    }

    @Test
    void anUnknownDefaultRegionIsRefusedWithItsName() {
        assertThatThrownBy(() -> new PhoneNumbers("XX", () -> new byte[0]))
                .hasMessageContaining("ringback.phone.default-region 'XX'");
    }
}
