package io.ringback.history;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lastAgentLookBack how far back "the last agent who spoke with the customer" is looked for
 *     (a sticky callback of an abandoned call, SPEC §4); an older conversation gives no owner
 */
@ConfigurationProperties("ringback.history")
public record HistoryProperties(@DefaultValue("30d") Duration lastAgentLookBack) {}
