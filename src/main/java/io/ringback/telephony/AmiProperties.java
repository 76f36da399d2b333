package io.ringback.telephony;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Asterisk Manager Interface connection ({@code host} is required; in the embedded mode the
 * simulated Asterisk sets it).
 *
 * @param host Asterisk host; set it to use a real Asterisk
 * @param port AMI port (manager.conf)
 * @param username AMI user (manager.conf section)
 * @param secret AMI secret
 * @param loginRetryInitial first wait before retrying a failed first login
 * @param loginRetryMax longest wait between first-login retries (asterisk-java reconnects by itself after a successful login)
 * @param actionTimeout how long to wait for the response to an action
 * @param eventQueueCapacity AMI events waiting for the handler thread beyond which member state events are dropped
 *     (and the members read again once the backlog drains); abandons, outcomes, connects and hangups are never dropped
 * @param source the name of this PBX: abandons are deduplicated per source and Uniqueid (default: {@code host})
 */
@ConfigurationProperties("ringback.ami")
public record AmiProperties(
        String host,
        @DefaultValue("5038") int port,
        @DefaultValue("ringback") String username,
        @DefaultValue("ringback") String secret,
        @DefaultValue("1s") Duration loginRetryInitial,
        @DefaultValue("30s") Duration loginRetryMax,
        @DefaultValue("10s") Duration actionTimeout,
        @DefaultValue("10000") int eventQueueCapacity,
        String source) {

    /** The name of this PBX, {@code host} unless {@code ringback.ami.source} is set. */
    @Override
    public String source() {
        return source == null || source.isBlank() ? "ami:" + host : source;
    }
}
