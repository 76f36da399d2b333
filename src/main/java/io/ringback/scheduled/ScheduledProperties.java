package io.ringback.scheduled;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduled callbacks.
 *
 * @param whenNumberHasOpenCallback scheduling a callback for a number that already has an open callback
 *     (scheduled, or being called): {@code WARN} creates it and says so in the response's {@code warnings};
 *     {@code REFUSE} answers 409 and creates nothing
 */
@ConfigurationProperties("ringback.scheduled")
public record ScheduledProperties(@DefaultValue("WARN") OnOpenCallback whenNumberHasOpenCallback) {

    public enum OnOpenCallback { WARN, REFUSE }
}
