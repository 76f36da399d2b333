package io.ringback.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.support.PhoneProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migrations keep existing data: a database written by the first release (schema V1) is
 * migrated to the current schema, and every callback, abandon and attempt is still there, numbers in
 * their normal form with what was stored kept for display, and every callback kind-neutral (V5):
 * when it was requested, who created it (its first abandon's source), its creation in its history.
 */
class MigrationTest {

    static EmbeddedPostgres postgres;
    static JdbcClient jdbc;
    static final UUID WAITING = UUID.randomUUID();
    static final UUID ANSWERED = UUID.randomUUID();
    static final UUID TWIN_OLD = UUID.randomUUID();
    static final UUID TWIN_NEW = UUID.randomUUID();

    @BeforeAll
    static void migrateADatabaseOfTheFirstRelease() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).target("1").load().migrate();
        jdbc = JdbcClient.create(postgres.getPostgresDatabase());
        insertV1(WAITING, "support", "11987654321", "PENDING", true, "2026-11-20T10:00:00Z");
        insertV1(ANSWERED, "sales", "+5511912340001", "ANSWERED", false, "2026-11-20T11:00:00Z");
        insertV1(TWIN_OLD, "billing", "1133334444", "PENDING", false, "2026-11-20T12:00:00Z");
        insertV1(TWIN_NEW, "billing", "+551133334444", "PENDING", false, "2026-11-20T13:00:00Z");
        jdbc.sql("insert into abandon_event (unique_id, callback_id, queue, hold_time_seconds, abandoned_at) "
                + "values ('1795288839.1', ?, 'support', 40, now())").param(WAITING).update();
        jdbc.sql("insert into callback_attempt (callback_id, attempt, action_id, outcome, reason_code) "
                + "values (?, 1, ?, 'ANSWERED', 4)").params(ANSWERED, "rb-" + ANSWERED + "-1").update();
        jdbc.sql("insert into agent_claim (agent_interface, queue, callback_id, claimed_at, expires_at) "
                + "values ('PJSIP/1001', 'support', ?, now(), now() + interval '1 minute')").param(WAITING).update();

        Flyway.configure().dataSource(postgres.getPostgresDatabase())
                .javaMigrations(new PhoneNumberMigration(new PhoneProperties("BR"))).load().migrate();
    }

    private static void insertV1(UUID id, String queue, String number, String status, boolean waiting, String at) {
        jdbc.sql("""
                insert into callback (id, origin, queue, phone_number, hold_time_seconds, abandoned_at, status,
                                      last_abandon_at, waiting_for_agent, created_at)
                values (?, 'ABANDONED_CALL', ?, ?, 40, cast(? as timestamptz), ?, cast(? as timestamptz), ?, cast(? as timestamptz))""")
                .params(id, queue, number, at, status, at, waiting, at).update();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Map<String, Object> row(UUID id) {
        return jdbc.sql("select phone_number, phone_number_display, status, waiting_for from callback where id = ?")
                .param(id).query().singleRow();
    }

    @Test
    void storedNumbersTakeTheNormalFormAndKeepWhatWasStoredForDisplay() {
        assertThat(row(WAITING)).containsEntry("phone_number", "+5511987654321")
                .containsEntry("phone_number_display", "11987654321").containsEntry("status", "PENDING");
        assertThat(row(ANSWERED)).containsEntry("phone_number", "+5511912340001").containsEntry("status", "ANSWERED");
    }

    @Test
    void aCallbackThatWaitedForAnAgentStillDoes() {
        assertThat(row(WAITING)).containsEntry("waiting_for", "AGENT");
        assertThat(row(ANSWERED).get("waiting_for")).isNull();
    }

    @Test
    void twoPendingCallbacksOfOneCustomerInOneQueueKeepTheirRowsTheOneAlreadyInNormalFormKeepsIt() {
        assertThat(row(TWIN_NEW)).containsEntry("phone_number", "+551133334444");
        assertThat(row(TWIN_OLD)).containsEntry("phone_number", "1133334444").containsEntry("status", "PENDING");
    }

    @Test
    void abandonsAndAttemptsAreKept() {
        assertThat(jdbc.sql("select source from abandon_event where unique_id = '1795288839.1'").query(String.class)
                .single()).isEqualTo("legacy");
        assertThat(jdbc.sql("select outcome from callback_attempt where callback_id = ?").param(ANSWERED)
                .query(String.class).single()).isEqualTo("ANSWERED");
    }

    @Test
    void everyCallbackKnowsWhenItWasRequestedAndWhoCreatedIt() {
        var waiting = jdbc.sql("select requested_at = abandoned_at as same, created_by, target_group, target_agent, "
                + "cancelled_by from callback where id = ?").param(WAITING).query().singleRow();
        assertThat(waiting).containsEntry("same", true).containsEntry("created_by", "legacy")
                .containsEntry("target_group", null).containsEntry("target_agent", null).containsEntry("cancelled_by", null);
        assertThat(jdbc.sql("select created_by from callback where id = ?").param(ANSWERED).query(String.class).single())
                .as("no abandon recorded for it").isEqualTo("unknown");
        assertThat(jdbc.sql("select changed_by || ' ' || change from callback_change where callback_id = ?").param(WAITING)
                .query(String.class).list()).containsExactly("legacy CREATED");
        assertThat(jdbc.sql("select count(*) from callback_change").query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void aLiveClaimKeepsItsAgentAndGetsItsQueueAsTarget() {
        assertThat(jdbc.sql("select target from agent_claim where agent_interface = 'PJSIP/1001'").query(String.class)
                .single()).isEqualTo("queue:support");
    }
}
