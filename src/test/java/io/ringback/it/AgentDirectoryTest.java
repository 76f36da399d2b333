package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringback.directory.Agent;
import io.ringback.directory.AgentDetails;
import io.ringback.directory.AgentDirectory;
import io.ringback.directory.AgentExistsException;
import io.ringback.directory.AgentRemoved;
import io.ringback.directory.InterfaceTakenException;
import io.ringback.directory.UnknownAgentException;
import io.ringback.support.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalApplicationListener;
import org.springframework.transaction.event.TransactionalApplicationListenerAdapter;

/**
 * {@link AgentDirectory} on PostgreSQL: the lookups other modules use (by interface, interfaces of an
 * agent or of a group, members of a group), create/update/remove, the constraints that carry the rules,
 * and {@link AgentRemoved}.
 */
class AgentDirectoryTest extends RingbackIntegrationTest {

    @Autowired AgentDirectory directory;
    @Autowired ConfigurableApplicationContext context;
    @Autowired TestRestTemplate rest;

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static AgentDetails details(String name, List<String> interfaces, List<String> queues, List<String> groups) {
        return new AgentDetails(name, interfaces, queues, groups);
    }

    @Test
    void theAgentWhoAnswersOnAnInterfaceIsFoundInAnyCaseAsAsteriskMatchesMembers() {
        String userId = newId("ana");
        String phone = "PJSIP/" + userId;
        directory.create(userId, details("Ana", List.of(phone, "Local/" + userId + "@agents"), List.of("support"), List.of()));

        assertThat(directory.byInterface(phone)).map(Agent::userId).contains(userId);
        assertThat(directory.byInterface(phone.toUpperCase())).map(Agent::userId).contains(userId);
        assertThat(directory.byInterface("Local/" + userId + "@agents")).map(Agent::displayName).contains("Ana");
        assertThat(directory.byInterface(phone + "-0000002a")).as("a channel name is not an interface").isEmpty();
        assertThat(directory.byInterface("PJSIP/nobody-" + userId)).isEmpty();
        assertThat(directory.byInterface("not an interface")).isEmpty();
        assertThat(directory.byInterface(null)).isEmpty();
    }

    @Test
    void theInterfacesOfAnAgentAreTheirsAsGivenAndNoneForAnUnknownAgent() {
        String userId = newId("bruno");
        directory.create(userId, details("Bruno", List.of("PJSIP/B-" + userId, "Local/" + userId + "@agents"), null, null));

        assertThat(directory.interfacesOf(userId)).containsExactly("Local/" + userId + "@agents", "PJSIP/B-" + userId);
        assertThat(directory.interfacesOf(newId("nobody"))).isEmpty();
        assertThat(directory.interfacesOf("Not An Id")).isEmpty();
    }

    @Test
    void aGroupHasItsMembersAndAllOfTheirInterfaces() {
        String group = newId("team");
        String carla = newId("carla");
        String diego = newId("diego");
        String outsider = newId("outsider");
        directory.create(carla, details("Carla", List.of("PJSIP/" + carla), null, List.of(group, "support-team")));
        directory.create(diego, details("Diego", List.of("PJSIP/" + diego, "Local/" + diego + "@agents"), null, List.of(group)));
        directory.create(outsider, details("Outsider", List.of("PJSIP/" + outsider), null, List.of("other-" + group)));
        directory.create(newId("nointerface"), details("No phone yet", List.of(), null, List.of(group)));

        assertThat(directory.membersOf(group)).hasSize(3).contains(carla, diego).doesNotContain(outsider);
        assertThat(directory.interfacesOfGroup(group))
                .containsExactlyInAnyOrder("PJSIP/" + carla, "PJSIP/" + diego, "Local/" + diego + "@agents");
        assertThat(directory.membersOf("nobody-" + group)).isEmpty();
        assertThat(directory.interfacesOfGroup("nobody-" + group)).isEmpty();
        assertThat(directory.membersOf("Not A Group")).isEmpty();
    }

    @Test
    void theSeededSupportTeamIsAgentOneAndAgentTwo() {
        assertThat(directory.membersOf("support-team")).contains("agent1", "agent2").doesNotContain("agent3", "agent4");
        assertThat(directory.interfacesOfGroup("support-team")).contains("Local/agent1@agents", "Local/agent2@agents")
                .doesNotContain("Local/agent3@agents");
    }

    @Test
    void existsAndFindKnowOnlyAgentsInTheDirectory() {
        String userId = newId("elisa");
        assertThat(directory.exists(userId)).isFalse();
        assertThat(directory.find(userId)).isEmpty();

        Agent created = directory.create(userId, details("Elisa", null, null, null));

        assertThat(directory.exists(userId)).isTrue();
        assertThat(directory.find(userId)).contains(created);
        assertThat(directory.exists(userId.toUpperCase())).as("user ids are lower case, compared exactly").isFalse();
        assertThat(directory.all()).extracting(Agent::userId).contains(userId, "agent1");
    }

    @Test
    void createRefusesATakenUserIdAndUpdateAnUnknownOne() {
        String userId = newId("fabio");
        directory.create(userId, details("Fabio", null, null, null));

        assertThatThrownBy(() -> directory.create(userId, details("Another Fabio", null, null, null)))
                .isInstanceOf(AgentExistsException.class);
        assertThat(directory.find(userId)).map(Agent::displayName).contains("Fabio");
        String unknown = newId("nobody");
        assertThatThrownBy(() -> directory.update(unknown, details("Nobody", null, null, null)))
                .isInstanceOf(UnknownAgentException.class);
        assertThat(directory.exists(unknown)).as("update does not create").isFalse();
        assertThat(directory.update(userId, details("Fabio Reis", null, List.of("sales"), null)))
                .satisfies(a -> assertThat(a.displayName()).isEqualTo("Fabio Reis"))
                .satisfies(a -> assertThat(a.queues()).containsExactly("sales"));
    }

    @Test
    void saveTellsWhetherItCreatedOrReplaced() {
        String userId = newId("gabi");

        assertThat(directory.save(userId, details("Gabi", null, null, null)).created()).isTrue();
        assertThat(directory.save(userId, details("Gabi Nunes", null, null, null)).created()).isFalse();
    }

    @Test
    void anInterfaceTakenByAnotherAgentIsRefusedNamingItsAgentAndNothingChanges() {
        String owner = newId("owner");
        String phone = "PJSIP/" + owner;
        directory.create(owner, details("Owner", List.of(phone), null, null));
        String other = newId("other");
        directory.create(other, details("Other", List.of("PJSIP/" + other), List.of("support"), null));

        assertThatThrownBy(() -> directory.update(other, details("Other", List.of("pjsip/" + owner), List.of(), null)))
                .isInstanceOfSatisfying(InterfaceTakenException.class,
                        e -> assertThat(e.owners()).isEqualTo(Map.of("pjsip/" + owner, owner)));
        assertThat(directory.find(other)).get().satisfies(a -> {
            assertThat(a.interfaces()).containsExactly("PJSIP/" + other);
            assertThat(a.queues()).containsExactly("support");
        });
        assertThatThrownBy(() -> directory.create(newId("new"), details("New", List.of(phone), null, null)))
                .isInstanceOf(InterfaceTakenException.class);
    }

    @Test
    void badValuesAreRefusedNamingEachField() {
        assertThatThrownBy(() -> directory.save("Bad", details("", List.of("PJSIP/x", "x"), List.of("a b"), List.of("G"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("userId", "displayName", "interfaces[1]", "queues[0]", "groups[0]"));
        assertThatThrownBy(() -> directory.search("Bad Group", null)).isInstanceOf(InvalidRequestException.class);
    }

    // ------------------------------------------------------------------ the database's own rules

    @Test
    void theDatabaseHoldsTheRulesForWhatIsWrittenAroundTheApplication() {
        String userId = newId("raw");
        jdbc.sql("insert into agent (user_id, display_name) values (?, 'Raw')").param(userId).update();

        assertThatThrownBy(() -> jdbc.sql("insert into agent (user_id, display_name) values ('Upper', 'x')").update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("agent_user_id_valid");
        assertThatThrownBy(() -> jdbc.sql("insert into agent (user_id, display_name) values ('reconciliation', 'x')").update())
                .hasMessageContaining("agent_user_id_valid");
        assertThatThrownBy(() -> jdbc.sql("insert into agent (user_id, display_name) values (?, ?)")
                .params(newId("long"), "a".repeat(121)).update()).hasMessageContaining("agent_display_name_valid");
        assertThatThrownBy(() -> jdbc.sql("insert into agent (user_id, display_name) values (?, ?)")
                .params(newId("lf"), "Ana\nSouza").update()).hasMessageContaining("agent_display_name_valid");
        assertThatThrownBy(() -> jdbc.sql("insert into agent (user_id, display_name) values (?, ?)")
                .params(newId("ls"), "Ana\u2028Souza").update()).hasMessageContaining("agent_display_name_valid");
        assertThatThrownBy(() -> jdbc.sql("insert into agent (user_id, display_name) values (?, ?)")
                .params(newId("nel"), "Ana\u0085").update()).hasMessageContaining("agent_display_name_valid");
        assertThatThrownBy(() -> jdbc.sql("insert into agent (user_id, display_name) values (?, ?)")
                .params(newId("blank"), "   ").update()).hasMessageContaining("agent_display_name_valid");
        jdbc.sql("insert into agent (user_id, display_name) values (?, ?)").params(newId("emoji"), "😀".repeat(120)).update();
        assertThatThrownBy(() -> jdbc.sql("insert into agent (user_id, display_name) values (?, null)")
                .params(newId("null")).update()).isInstanceOf(DataIntegrityViolationException.class);
        jdbc.sql("insert into agent_interface (member_interface, user_id) values (?, ?)").params("PJSIP/" + userId, userId).update();
        assertThatThrownBy(() -> jdbc.sql("insert into agent_interface (member_interface, user_id) values (?, 'agent1')")
                .param("pjsip/" + userId.toUpperCase()).update())
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("agent_interface_one_agent");
        assertThatThrownBy(() -> jdbc.sql("insert into agent_interface (member_interface, user_id) values (?, ?)")
                .params("PJSIP/1001,r", userId).update()).hasMessageContaining("agent_interface_valid");
        assertThatThrownBy(() -> jdbc.sql("insert into agent_interface (member_interface, user_id) values (?, ?)")
                .params("PJSIP/" + "1".repeat(75), userId).update()).hasMessageContaining("agent_interface_valid");
        assertThatThrownBy(() -> jdbc.sql("insert into agent_interface (member_interface, user_id) values ('PJSIP/orphan', ?)")
                .param(newId("nobody")).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("insert into agent_queue (user_id, queue) values (?, ?)")
                .params(userId, "support\r\nAction: Originate").update()).hasMessageContaining("agent_queue_valid");
        assertThatThrownBy(() -> jdbc.sql("insert into agent_group (user_id, group_name) values (?, 'Team')")
                .param(userId).update()).hasMessageContaining("agent_group_valid");
    }

    // ------------------------------------------------------------------ AgentRemoved

    /** The user ids of the AgentRemoved events a listener hears. */
    private static ApplicationListener<ApplicationEvent> hearing(List<String> heard) {
        return event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof AgentRemoved removed) {
                heard.add(removed.userId());
            }
        };
    }

    @Test
    void removingAnAgentPublishesAgentRemovedInItsTransactionAndFreesTheirInterfaces() {
        String userId = newId("hugo");
        directory.create(userId, details("Hugo", List.of("PJSIP/" + userId), List.of("support"), List.of("support-team")));
        List<String> heard = new CopyOnWriteArrayList<>();
        List<String> heardAfterCommit = new CopyOnWriteArrayList<>();
        List<Boolean> goneAfterCommit = new CopyOnWriteArrayList<>();
        var inTransaction = hearing(heard);
        var afterCommit = new TransactionalApplicationListenerAdapter<>(hearing(heardAfterCommit));
        afterCommit.setTransactionPhase(TransactionPhase.AFTER_COMMIT);
        afterCommit.addCallback(new TransactionalApplicationListener.SynchronizationCallback() {
            @Override
            public void postProcessEvent(ApplicationEvent event, Throwable ex) {
                goneAfterCommit.add(!directory.exists(userId));
            }
        });
        context.addApplicationListener(inTransaction);
        context.addApplicationListener(afterCommit);
        try {
            directory.remove(userId);

            assertThatThrownBy(() -> directory.remove(userId)).isInstanceOf(UnknownAgentException.class);
        } finally {
            context.removeApplicationListener(inTransaction);
            context.removeApplicationListener(afterCommit);
        }
        assertThat(heard).as("once, and not for the second, failed removal").containsExactly(userId);
        assertThat(heardAfterCommit).as("published in the removal's transaction").containsExactly(userId);
        assertThat(goneAfterCommit).as("after the commit the agent is gone").contains(true).doesNotContain(false);
        assertThat(directory.find(userId)).isEmpty();
        assertThat(directory.byInterface("PJSIP/" + userId)).isEmpty();
        assertThat(directory.membersOf("support-team")).doesNotContain(userId);
        assertThat(jdbc.sql("select count(*) from agent_interface where user_id = ?").param(userId).query(Integer.class).single())
                .isZero();
        assertThat(directory.create(newId("successor"), details("Successor", List.of("PJSIP/" + userId), null, null))
                .interfaces()).as("their interface is free").containsExactly("PJSIP/" + userId);
    }

    @Test
    void removingAnAgentThroughTheApiPublishesAgentRemoved() {
        String userId = newId("api");
        directory.create(userId, details("Removed through the API", null, null, null));
        List<String> heard = new CopyOnWriteArrayList<>();
        var listener = hearing(heard);
        context.addApplicationListener(listener);
        try {
            var response = rest.withBasicAuth("admin", "demo").exchange("/api/agents/{id}", HttpMethod.DELETE, null,
                    Void.class, userId);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        } finally {
            context.removeApplicationListener(listener);
        }
        assertThat(heard).containsExactly(userId);
        assertThat(directory.find(userId)).isEmpty();
    }
}
