package io.ringback.telephony;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component {@code ami}: up while the AMI connection is logged in. */
@Component("ami")
class AmiHealthIndicator extends AbstractHealthIndicator {

    private final AmiConnection connection;
    private final AmiProperties properties;

    AmiHealthIndicator(AmiConnection connection, AmiProperties properties) {
        this.connection = connection;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.status(connection.isConnected() ? "UP" : "DOWN")
                .withDetail("state", connection.state())
                .withDetail("address", properties.host() + ":" + properties.port())
                .withDetail("since", String.valueOf(connection.stateSince()))
                .withDetail("reconnects", connection.reconnects());
        if (connection.lastError() != null) {
            builder.withDetail("error", connection.lastError());
        }
    }
}
