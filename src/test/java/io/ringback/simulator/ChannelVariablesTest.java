package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link ChannelVariables} reports and passes on, as Asterisk 22's channel.c and manager_channels.c do. */
class ChannelVariablesTest {

    @Test
    void everyReportedNameGetsALineInConfiguredOrderEmptyWhenUnset() {
        ChannelVariables variables = ChannelVariables.none(List.of("B", "A", "C"))
                .with(Map.of("A", "1", "B", "2"));

        assertThat(variables.reportedValues()).containsExactly("B=2", "A=1", "C=");
    }

    @Test
    void nameIsMatchedWithoutTheInheritancePrefixAndCaseSensitively() {
        ChannelVariables variables = ChannelVariables.none(List.of("TRACE", "trace")).with(Map.of("__TRACE", "t"));

        assertThat(variables.reportedValues()).containsExactly("TRACE=t", "trace=");
    }

    @Test
    void onlyUnderscoredVariablesAreInheritedAndASingleUnderscoreOnlyOnce() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("PLAIN", "p");
        set.put("_ONCE", "o");
        set.put("__ALWAYS", "a");
        ChannelVariables caller = ChannelVariables.none(List.of("PLAIN", "ONCE", "ALWAYS")).with(set);

        ChannelVariables child = caller.inherited();
        ChannelVariables grandChild = child.inherited();

        assertThat(child.reportedValues()).containsExactly("PLAIN=", "ONCE=o", "ALWAYS=a");
        assertThat(grandChild.reportedValues()).containsExactly("PLAIN=", "ONCE=", "ALWAYS=a");
    }

    @Test
    void valueIsEscapedLikeAsteriskEscapesACString() {
        ChannelVariables variables = ChannelVariables.none(List.of("V"))
                .with(Map.of("V", "a\"b'c\\d\te\nf?"));

        assertThat(variables.reportedValues()).containsExactly("V=a\\\"b\\'c\\\\d\\te\\nf\\?");
    }

    @Test
    void laterValueReplacesAnEarlierOneOfTheSameName() {
        ChannelVariables variables = ChannelVariables.none(List.of("X")).with(Map.of("_X", "old"))
                .with(Map.of("X", "new"));

        assertThat(variables.get("X")).isEqualTo("new");
        assertThat(variables.inherited().get("X")).isNull();
    }
}
