package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.directory.AgentDetails;
import io.ringback.directory.AgentDirectory;
import io.ringback.directory.AgentReconciliation;
import io.ringback.directory.Reconciliation;
import io.ringback.directory.Reconciliation.AgentNotReported;
import io.ringback.directory.Reconciliation.Member;
import io.ringback.directory.Reconciliation.MemberStatus;
import io.ringback.directory.Reconciliation.QueueNotReported;
import io.ringback.simulator.QueueMemberSpec;
import io.ringback.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The directory next to the queue members the simulated Asterisk reports over AMI: mapped members,
 * members nobody mapped, agents no queue reports, queues an agent is said to serve where AMI does not
 * report them.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
class AgentReconciliationTest extends RingbackIntegrationTest {

    @Autowired AgentDirectory directory;
    @Autowired AgentReconciliation reconciliation;
    @Autowired TestRestTemplate rest;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Optional<Member> member(Reconciliation r, String queue, String memberInterface) {
        return r.members().stream()
                .filter(m -> m.queue().equals(queue) && m.memberInterface().equals(memberInterface)).findFirst();
    }

    /** Waits until the members AMI reported reach the reconciliation. */
    private Reconciliation awaitReconciliation(List<String> alsoQueues, Predicate<Reconciliation> until) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> reconciliation.reconcile(alsoQueues), until);
    }

    @Test
    void theSeededAgentsMapEveryDefaultMemberOfTheSimulatedAsterisk() {
        Map<String, String> agentOf = Map.of("Local/agent1@agents", "agent1", "Local/agent2@agents", "agent2",
                "Local/agent3@agents", "agent3", "Local/agent4@agents", "agent4");
        var defaults = SimulatorConfig.defaults().queues();

        Reconciliation r = awaitReconciliation(List.of(), x -> defaults.entrySet().stream().allMatch(q ->
                q.getValue().stream().allMatch(m -> member(x, q.getKey(), m.memberInterface()).isPresent())));

        defaults.forEach((queue, members) -> {
            assertThat(r.queues()).contains(queue);
            for (QueueMemberSpec spec : members) {
                assertThat(member(r, queue, spec.memberInterface())).get().satisfies(m -> {
                    assertThat(m.status()).isEqualTo(MemberStatus.MAPPED);
                    assertThat(m.userId()).isEqualTo(agentOf.get(spec.memberInterface()));
                    assertThat(m.displayName()).isEqualTo(spec.name()).isEqualTo(m.memberName());
                });
            }
        });
        assertThat(r.agentsNotReported()).extracting(AgentNotReported::userId)
                .doesNotContain("agent1", "agent2", "agent3", "agent4");
        assertThat(r.queuesNotReported()).extracting(QueueNotReported::userId)
                .doesNotContain("agent1", "agent2", "agent3", "agent4");
    }

    @Test
    void aMemberNobodyMappedIsShownAsSuchNextToTheMappedOnes() {
        String queue = unique("it-dir");
        String userId = unique("ana");
        String mapped = "Local/" + userId + "@agents";
        String stranger = "Local/" + unique("stranger") + "@agents";
        directory.create(userId, new AgentDetails("Ana Souza", List.of(mapped), List.of(queue), List.of()));
        asterisk.addMember(queue, mapped, "Ana S.");
        asterisk.addMember(queue, stranger, "Stranger");

        var response = await().atMost(Duration.ofSeconds(10)).until(
                () -> rest.withBasicAuth("admin", "demo").getForEntity("/api/agents/reconciliation", Map.class),
                res -> ((List<Map<String, Object>>) res.getBody().get("members")).stream()
                        .filter(m -> queue.equals(m.get("queue"))).count() == 2);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> members = ((List<Map<String, Object>>) response.getBody().get("members")).stream()
                .filter(m -> queue.equals(m.get("queue"))).toList();
        assertThat(members).containsExactly(
                Map.of("queue", queue, "memberInterface", mapped, "memberName", "Ana S.", "status", "MAPPED",
                        "userId", userId, "displayName", "Ana Souza"),
                Map.of("queue", queue, "memberInterface", stranger, "memberName", "Stranger", "status", "UNMAPPED"));
        assertThat((List<String>) response.getBody().get("queues")).contains(queue);
        assertThat(response.getBody()).containsEntry("consistent", false);
    }

    @Test
    void anAgentWhoseInterfacesNoQueueReportsIsListedWithTheQueuesTheyAreSaidToServe() {
        String userId = unique("bruno");
        String queue = unique("it-dir-empty");
        directory.create(userId, new AgentDetails("Bruno", List.of("PJSIP/" + userId), List.of(queue), List.of()));
        String withoutPhone = unique("carla");
        directory.create(withoutPhone, new AgentDetails("Carla", List.of(), List.of(), List.of()));

        Reconciliation r = reconciliation.reconcile(List.of());

        assertThat(r.agentsNotReported()).contains(
                new AgentNotReported(userId, "Bruno", java.util.Set.of("PJSIP/" + userId)),
                new AgentNotReported(withoutPhone, "Carla", java.util.Set.of()));
        assertThat(r.queuesNotReported()).contains(new QueueNotReported(userId, "Bruno", queue, java.util.Set.of("PJSIP/" + userId)));
        assertThat(r.queues()).as("a queue the directory lists is compared even when AMI reports nothing of it")
                .contains(queue);
        assertThat(r.consistent()).isFalse();
    }

    @Test
    void aQueueAnAgentIsSaidToServeWhereAmiDoesNotReportThemIsListed() {
        String served = unique("it-dir-served");
        String notJoined = unique("it-dir-notjoined");
        String userId = unique("diego");
        String phone = "Local/" + userId + "@agents";
        directory.create(userId, new AgentDetails("Diego", List.of(phone), List.of(served, notJoined), List.of()));
        asterisk.addMember(served, phone, "Diego");

        Reconciliation r = awaitReconciliation(List.of(), x -> member(x, served, phone).isPresent());

        assertThat(member(r, served, phone)).get().extracting(Member::status).isEqualTo(MemberStatus.MAPPED);
        assertThat(r.queuesNotReported()).filteredOn(q -> q.userId().equals(userId)).extracting(QueueNotReported::queue)
                .containsExactly(notJoined);
        assertThat(r.agentsNotReported()).extracting(AgentNotReported::userId).doesNotContain(userId);
    }

    @Test
    void anAgentAmiReportsInAQueueTheDirectoryDoesNotListIsFoundThroughTheMemberItShares() {
        String listed = unique("it-dir-listed");
        String unlisted = unique("it-dir-unlisted");
        String userId = unique("elisa");
        String phone = "Local/" + userId + "@agents";
        String stranger = "Local/" + unique("stranger") + "@agents";
        directory.create(userId, new AgentDetails("Elisa", List.of(phone), List.of(listed), List.of()));
        asterisk.addMember(listed, phone, "Elisa");
        asterisk.addMember(unlisted, phone, "Elisa");
        asterisk.addMember(unlisted, stranger, "Stranger in an unlisted queue");

        Reconciliation r = awaitReconciliation(List.of(), x -> member(x, unlisted, stranger).isPresent());

        assertThat(r.queues()).contains(listed, unlisted);
        assertThat(member(r, unlisted, phone)).get().satisfies(m -> {
            assertThat(m.status()).isEqualTo(MemberStatus.QUEUE_NOT_LISTED);
            assertThat(m.userId()).isEqualTo(userId);
        });
        assertThat(member(r, unlisted, stranger)).get().extracting(Member::status).isEqualTo(MemberStatus.UNMAPPED);
        assertThat(member(r, listed, phone)).get().extracting(Member::status).isEqualTo(MemberStatus.MAPPED);
    }

    @Test
    void aQueueNobodyInTheDirectoryServesIsComparedAsSoonAsAmiReportsAMemberOfIt() {
        String queue = unique("it-dir-unknown");
        String stranger = "Local/" + unique("stranger") + "@agents";
        asterisk.addMember(queue, stranger, "Stranger");

        Reconciliation unasked = awaitReconciliation(List.of(), x -> member(x, queue, stranger).isPresent());

        assertThat(member(unasked, queue, stranger)).get().satisfies(m -> {
            assertThat(m.status()).isEqualTo(MemberStatus.UNMAPPED);
            assertThat(m.userId()).isNull();
        });
        assertThat(unasked.queues()).as("shares no member with a queue the directory lists, and is reported").contains(queue);
        String empty = unique("it-dir-empty");
        assertThat(reconciliation.reconcile(List.of(empty)).queues()).as("a queue nobody is a member of, when asked for")
                .contains(empty);
        var response = rest.withBasicAuth("admin", "demo").getForEntity("/api/agents/reconciliation?queue={q}&queue=support",
                Map.class, queue);
        assertThat((List<String>) response.getBody().get("queues")).contains(queue, "support");
    }

    @Test
    void anInterfaceIsMappedWhateverItsCaseAsAsteriskMatchesMembers() {
        String queue = unique("it-dir-case");
        String userId = unique("fabio");
        directory.create(userId, new AgentDetails("Fabio", List.of("PJSIP/Fabio-" + userId), List.of(queue), List.of()));
        String asReported = "pjsip/fabio-" + userId;
        asterisk.addMember(queue, asReported, "Fabio");

        Reconciliation r = awaitReconciliation(List.of(), x -> member(x, queue, asReported).isPresent());

        assertThat(member(r, queue, asReported)).get().satisfies(m -> {
            assertThat(m.status()).isEqualTo(MemberStatus.MAPPED);
            assertThat(m.userId()).isEqualTo(userId);
        });
        assertThat(r.agentsNotReported()).extracting(AgentNotReported::userId).doesNotContain(userId);
        assertThat(r.queuesNotReported()).extracting(QueueNotReported::userId).doesNotContain(userId);
    }

    @Test
    void aQueueAskedForThatCannotBeAQueueNameIsRefusedNamingIt() {
        var response = rest.withBasicAuth("admin", "demo").getForEntity("/api/agents/reconciliation?queue=support&queue={q}",
                Map.class, "support\r\nAction: Originate");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<Map<String, String>>) response.getBody().get("errors")).extracting(e -> e.get("field"))
                .containsExactly("queue[1]");
    }
}
