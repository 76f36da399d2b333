package io.ringback.telephony;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code ami}: {@code UP} while the AMI connection is logged in,
 * {@value #UNREACHABLE_CODE} otherwise. That status is not in the overall health's status order, so
 * {@code /actuator/health} stays {@code UP} for a load balancer in front of the API (abandons posted to
 * the API are accepted and wait in the model), while the readiness group (application.yml) counts it
 * as down: an instance without its PBX link should not be asked to dial.
 */
@Component("ami")
class AmiHealthIndicator extends AbstractHealthIndicator {

    static final String UNREACHABLE_CODE = "UNREACHABLE";
    static final Status UNREACHABLE = new Status(UNREACHABLE_CODE, "The AMI link to Asterisk is down: nothing is dialed");

    private final AmiConnection connection;
    private final AmiProperties properties;

    AmiHealthIndicator(AmiConnection connection, AmiProperties properties) {
        this.connection = connection;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.status(connection.isConnected() ? Status.UP : UNREACHABLE)
                .withDetail("state", connection.state())
                .withDetail("address", properties.host() + ":" + properties.port())
                .withDetail("since", String.valueOf(connection.stateSince()))
                .withDetail("reconnects", connection.reconnects())
                .withDetail("backlog", connection.backlog());
        if (connection.lastError() != null) {
            builder.withDetail("error", connection.lastError());
        }
    }
}
