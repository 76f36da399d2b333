package io.ringback.telephony;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a callback call is originated. The customer's channel is {@code channelTemplate} with
 * {@code {prefix}} (the queue's dial prefix) and the number (see {@link #channelFor}); when the customer answers,
 * Asterisk continues in {@code context}/{@code exten}, which plays {@code ${CB_MESSAGE}} and
 * joins queue {@code ${CB_QUEUE}} (see docs/asterisk.md).
 *
 * @param channelTemplate dial string, e.g. {@code PJSIP/{prefix}{number}@trunk} or {@code Local/{prefix}{number}@outbound}
 * @param context dialplan context entered when the customer answers
 * @param exten extension in that context
 * @param priority priority in that context
 * @param timeout how long the customer's phone rings before the attempt counts as not answered
 * @param callerId caller id presented to the customer
 * @param outcomeGrace added to {@code timeout}: how long the model waits for the OriginateResponse before the attempt
 *     is resolved from what was recorded (failed when nothing was)
 * @param connectTimeout after the customer answered, how long the model waits to hear that they reached an agent or
 *     left the queue before it records the callback as answered without that report
 */
@ConfigurationProperties("ringback.originate")
public record OriginateProperties(
        @DefaultValue("Local/{prefix}{number}@outbound") String channelTemplate,
        @DefaultValue("callback") String context,
        @DefaultValue("s") String exten,
        @DefaultValue("1") int priority,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("\"Callback\" <5551234>") String callerId,
        @DefaultValue("90s") Duration outcomeGrace,
        @DefaultValue("30m") Duration connectTimeout) {

    /**
     * The dial string: {@code {prefix}} the dial prefix, {@code {number}} the number in E.164
     * ({@code +5511912340001}), {@code {digits}} the same without {@code +}, {@code {national}} as
     * dialed inside its country ({@code 11912340001}).
     */
    public String channelFor(String prefix, String e164, String national) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return channelTemplate.replace("{prefix}", prefix == null ? "" : prefix).replace("{number}", e164)
                .replace("{digits}", digits).replace("{national}", national);
    }
}
