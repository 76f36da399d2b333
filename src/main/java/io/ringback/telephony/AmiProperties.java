package io.ringback.telephony;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Asterisk Manager Interface connection. Without {@code host}, the simulated Asterisk starts
 * (see {@code ringback.embedded.asterisk}).
 *
 * @param host Asterisk host; set it to use a real Asterisk
 * @param port AMI port (manager.conf)
 * @param username AMI user (manager.conf section)
 * @param secret AMI secret
 * @param loginRetryInitial first wait before retrying a failed first login
 * @param loginRetryMax longest wait between first-login retries (asterisk-java reconnects by itself after a successful login)
 * @param actionTimeout how long to wait for the response to an action
 * @param eventQueueCapacity events waiting for the handler thread; when full, the AMI reader waits instead of dropping events
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
        @DefaultValue("10000") int eventQueueCapacity) {}
