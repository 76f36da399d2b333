package io.ringback.telephony;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code ringback_ami_connected} (1 or 0) and {@code ringback_ami_reconnects_total}. */
@Component
class AmiMetrics implements MeterBinder {

    private final AmiConnection connection;

    AmiMetrics(AmiConnection connection) {
        this.connection = connection;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ringback.ami.connected", connection, c -> c.isConnected() ? 1 : 0)
                .description("1 while the AMI connection is logged in").register(registry);
        FunctionCounter.builder("ringback.ami.reconnects", connection, AmiConnection::reconnects)
                .description("Times the AMI connection came back after being lost").register(registry);
    }
}
