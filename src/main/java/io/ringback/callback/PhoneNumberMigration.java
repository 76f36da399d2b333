package io.ringback.callback;

import io.ringback.support.PhoneNumbers;
import io.ringback.support.PhoneProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 3: stored numbers take the one normal form (E.164 where libphonenumber
 * recognises them, read in {@code ringback.phone.default-region}), so that a customer whose number
 * was stored before is recognised when they abandon again. What was stored is kept, for display, in
 * {@code phone_number_display} (migration 2). Two pending callbacks of one queue whose numbers turn
 * out to be the same keep the older one's normal form and the other's number as it was (the
 * database allows one pending callback per number and queue); both stay as they are otherwise.
 */
@Component
class PhoneNumberMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(PhoneNumberMigration.class);

    private final PhoneNumbers phones;

    PhoneNumberMigration(PhoneProperties properties) {
        this.phones = new PhoneNumbers(properties.defaultRegion(), () -> {
            throw new IllegalStateException("the migration does not mask numbers");
        });
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "normalise phone numbers";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    private record Row(UUID id, String queue, String stored, String normalised, boolean pending) {}

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                     "select id, queue, phone_number, status from callback order by created_at, id");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String stored = rs.getString("phone_number");
                rows.add(new Row(rs.getObject("id", UUID.class), rs.getString("queue"), stored,
                        phones.normalise(stored).orElse(stored), "PENDING".equals(rs.getString("status"))));
            }
        }
        // one pending callback per queue and number: a pending row already in normal form keeps it, else the oldest
        Set<String> taken = new HashSet<>();
        rows.stream().filter(r -> r.pending() && r.stored().equals(r.normalised()))
                .forEach(r -> taken.add(r.queue() + "\u0000" + r.normalised()));
        int changed = 0;
        int kept = 0;
        try (PreparedStatement update = connection.prepareStatement("update callback set phone_number = ? where id = ?")) {
            for (Row row : rows) {
                if (row.stored().equals(row.normalised())) {
                    continue;
                }
                if (row.pending() && !taken.add(row.queue() + "\u0000" + row.normalised())) {
                    kept++;
                    continue;
                }
                update.setString(1, row.normalised());
                update.setObject(2, row.id());
                update.addBatch();
                changed++;
            }
            update.executeBatch();
        }
        log.info("Phone numbers normalised: {} changed, {} kept as they were (a second pending callback of the same "
                + "customer and queue)", changed, kept);
    }
}
