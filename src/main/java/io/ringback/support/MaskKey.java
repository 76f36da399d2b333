package io.ringback.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The installation's secret for the hash in masked numbers: made once, at random, and kept in
 * PostgreSQL ({@code installation_value}), so every application instance and every restart masks
 * a number alike. Read on first use, then kept in memory.
 */
final class MaskKey implements Supplier<byte[]> {

    static final String NAME = "phone-mask-key";

    private final JdbcClient jdbc;
    private volatile byte[] key;

    MaskKey(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] get() {
        byte[] known = key;
        if (known == null) {
            synchronized (this) {
                if (key == null) {
                    key = load();
                }
                known = key;
            }
        }
        return known;
    }

    private byte[] load() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into installation_value (name, value) values (?, ?) on conflict (name) do nothing")
                .params(NAME, Base64.getEncoder().encodeToString(fresh)).update();
        String stored = jdbc.sql("select value from installation_value where name = ?").param(NAME)
                .query(String.class).single();
        return Base64.getDecoder().decode(stored);
    }
}
