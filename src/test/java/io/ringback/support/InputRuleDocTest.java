package io.ringback.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.process.AbandonRules;
import io.ringback.process.DialPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code docs/input-rules.md} stays true: every {@link InputRule} is in its table with the words its errors use,
 * every AMI rejection field the code counts is explained, and the decision outputs' ranges are the code's.
 * ({@code HttpFuzzTest} checks that every {@code /api} endpoint is in it.)
 */
class InputRuleDocTest {

    private static final Path DOC = Path.of("docs/input-rules.md");

    private static String doc() throws IOException {
        return Files.readString(DOC);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(InputRule.class)
    void everyRuleIsInTheTableWithTheWordsOfItsError(InputRule rule) throws IOException {
        String row = doc().lines().filter(line -> line.startsWith("| `" + rule.name() + "` |")).findFirst().orElse("");
        assertThat(row).as("the row of " + rule).isNotEmpty().contains(rule.rule());
    }

    @Test
    void everyAmiRejectionTheCodeCountsIsExplained() throws IOException {
        Set<String> fields = new TreeSet<>();
        collect(fields, "src/main/java/io/ringback/telephony/AmiWireGuard.java", "damage\\(\"([a-z-]+)\"", "field = \"([a-z-]+)\"");
        collect(fields, "src/main/java/io/ringback/telephony/AmiEventTranslator.java", "reject\\(\\w+, \"([a-z-]+)\"",
                "name\\(\\w+, \"([a-z-]+)\"");
        collect(fields, "src/main/java/io/ringback/callback/CallbackPbxEvents.java", "reject\\(\"\\w+\", \"([a-z-]+)\"");
        assertThat(fields).as("fields found in the code").contains("frame-end", "holdtime", "actionid").hasSizeGreaterThan(15);
        String ami = doc().substring(doc().indexOf("## AMI events"), doc().indexOf("## Decision outputs"));
        assertThat(fields).allSatisfy(field -> assertThat(ami).as("the AMI table").contains("`" + field + "`"));
    }

    @Test
    void theDecisionOutputsRangesAreTheCodes() throws IOException {
        String decisions = doc().substring(doc().indexOf("## Decision outputs"));
        assertThat(decisions).contains("0–" + DialPolicy.MAX_TIME_LIMIT_SECONDS, "0–" + DialPolicy.MAX_AGENT_IDLE_SECONDS,
                "0–" + DialPolicy.MAX_RETRY_INTERVAL_SECONDS, "1–" + DialPolicy.MAX_ATTEMPTS,
                "0–" + DialPolicy.MAX_OWNER_WAIT_SECONDS,
                "0–" + AbandonRules.MAX_MINIMUM_WAIT_SECONDS);
    }

    private static void collect(Set<String> into, String file, String... patterns) throws IOException {
        String source = Files.readString(Path.of(file));
        for (String pattern : patterns) {
            var matcher = Pattern.compile(pattern).matcher(source);
            while (matcher.find()) {
                into.add(matcher.group(1));
            }
        }
    }
}
