package io.ringback.telephony;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The AMI link: {@code ringback_ami_connected} (1 or 0), {@code ringback_ami_outage_seconds} (how
 * long it has been down), {@code ringback_ami_disconnects_total}, {@code ringback_ami_reconnects_total},
 * {@code ringback_ami_login_failures_total} (failed first logins), {@code ringback_ami_backlog}
 * (events received, not handled yet), {@code ringback_ami_member_events_dropped_total}.
 * Rejected events are counted by {@link AmiEventTranslator} ({@code ringback_ami_events_rejected_total}).
 */
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
        Gauge.builder("ringback.ami.outage.seconds", connection, AmiConnection::outageSeconds)
                .description("Seconds since the AMI link went down (0 while it is up)").register(registry);
        Gauge.builder("ringback.ami.backlog", connection, AmiConnection::backlog)
                .description("AMI events received and not handled yet").register(registry);
        FunctionCounter.builder("ringback.ami.disconnects", connection, AmiConnection::disconnects)
                .description("Times the AMI link was lost").register(registry);
        FunctionCounter.builder("ringback.ami.reconnects", connection, AmiConnection::reconnects)
                .description("Times the AMI connection came back after being lost").register(registry);
        FunctionCounter.builder("ringback.ami.login.failures", connection, AmiConnection::loginFailures)
                .description("Failed first logins (retried with backoff)").register(registry);
        FunctionCounter.builder("ringback.ami.member.events.dropped", connection, AmiConnection::droppedMemberEvents)
                .description("Member state events dropped while the event backlog was full (members read again after)")
                .register(registry);
    }
}
