package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code /api/agents}: create, replace, read, list, remove; 404 for an unknown agent, 409 for an interface
 * that is another agent's, and every rule of the values at its boundary with the field named.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
class AgentApiTest extends RingbackIntegrationTest {

    @Autowired TestRestTemplate rest;

    private TestRestTemplate admin() {
        return rest.withBasicAuth("admin", "demo");
    }

    static String newUserId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newInterface() {
        return "PJSIP/it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> agent(String displayName, List<?> interfaces, List<?> queues, List<?> groups) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", displayName);
        body.put("interfaces", interfaces);
        body.put("queues", queues);
        body.put("groups", groups);
        return body;
    }

    private ResponseEntity<Map> put(String userId, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return admin().exchange("/api/agents/{id}", HttpMethod.PUT, new HttpEntity<>(body, headers), Map.class, userId);
    }

    private ResponseEntity<Map> get(String userId) {
        return admin().getForEntity("/api/agents/{id}", Map.class, userId);
    }

    private ResponseEntity<Map> delete(String userId) {
        return admin().exchange("/api/agents/{id}", HttpMethod.DELETE, null, Map.class, userId);
    }

    private List<String> userIdsListed(String query, Object... params) {
        ResponseEntity<List> response = admin().getForEntity("/api/agents" + query, List.class, params);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((List<Map<String, Object>>) response.getBody()).stream().map(a -> (String) a.get("userId")).toList();
    }

    private static List<String> fieldsIn(ResponseEntity<?> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        return ((List<Map<String, String>>) ((Map) response.getBody()).get("errors")).stream().map(e -> e.get("field")).toList();
    }

    @Test
    void aNewAgentIsCreatedWith201AtItsLocationAndReadBackAsStored() {
        String userId = newUserId("ana");
        String desk = newInterface();
        String local = "Local/" + userId + "@agents";

        var created = put(userId, agent("Ana Souza", List.of(desk, local), List.of("support", "sales"), List.of("support-team")));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/agents/" + userId);
        assertThat(created.getBody()).containsEntry("userId", userId).containsEntry("displayName", "Ana Souza")
                .containsEntry("queues", List.of("sales", "support")).containsEntry("groups", List.of("support-team"))
                .containsKeys("createdAt", "updatedAt");
        assertThat((List<String>) created.getBody().get("interfaces")).containsExactlyInAnyOrder(desk, local);
        var read = get(userId);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read.getBody()).isEqualTo(created.getBody());
    }

    @Test
    void puttingAnExistingAgentReplacesAllOfItsDetailsWith200AndKeepsItsCreationTime() {
        String userId = newUserId("bruno");
        String oldPhone = newInterface();
        String newPhone = newInterface();
        var created = put(userId, agent("Bruno", List.of(oldPhone), List.of("support"), List.of("support-team", "night")));

        var replaced = put(userId, agent("Bruno Lima", List.of(newPhone), List.of("billing"), List.of()));

        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replaced.getHeaders().getLocation()).isNull();
        assertThat(replaced.getBody()).containsEntry("displayName", "Bruno Lima")
                .containsEntry("interfaces", List.of(newPhone)).containsEntry("queues", List.of("billing"))
                .containsEntry("groups", List.of()).containsEntry("createdAt", created.getBody().get("createdAt"));
        assertThat(Instant.parse((String) replaced.getBody().get("updatedAt")))
                .isAfter(Instant.parse((String) created.getBody().get("updatedAt")));
        assertThat(put(newUserId("other"), agent("Takes the old phone", List.of(oldPhone), null, null)).getStatusCode())
                .as("the replaced interface is free").isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void listsLeftOutAreEmpty() {
        String userId = newUserId("carla");

        var created = put(userId, Map.of("displayName", "Carla Dias"));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody()).containsEntry("interfaces", List.of()).containsEntry("queues", List.of())
                .containsEntry("groups", List.of());
    }

    @Test
    void anAgentMayKeepItsOwnInterfaceWhenReplacedEvenInAnotherCase() {
        String userId = newUserId("diego");
        String phone = newInterface();
        put(userId, agent("Diego", List.of(phone), null, null));

        var replaced = put(userId, agent("Diego Alves", List.of(phone.toLowerCase()), null, null));

        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replaced.getBody()).containsEntry("interfaces", List.of(phone.toLowerCase()));
    }

    @Test
    void theListHoldsEveryAgentByUserIdAndFiltersByGroupByQueueAndByBoth() {
        String team = newUserId("team");
        String queue = "it-dir-" + UUID.randomUUID().toString().substring(0, 8);
        String inTeamAndQueue = newUserId("elisa");
        String inTeamOnly = newUserId("fabio");
        String inQueueOnly = newUserId("gabi");
        put(inTeamAndQueue, agent("Elisa", List.of(newInterface()), List.of(queue, "support"), List.of(team)));
        put(inTeamOnly, agent("Fabio", List.of(newInterface()), List.of("sales"), List.of(team, "other-team")));
        put(inQueueOnly, agent("Gabi", List.of(newInterface()), List.of(queue), List.of()));

        List<String> all = userIdsListed("");
        assertThat(all).contains("agent1", "agent2", "agent3", "agent4", inTeamAndQueue, inTeamOnly, inQueueOnly)
                .isSorted();
        assertThat(userIdsListed("?group={g}", team)).containsExactly(inTeamAndQueue, inTeamOnly);
        assertThat(userIdsListed("?queue={q}", queue)).containsExactly(inTeamAndQueue, inQueueOnly);
        assertThat(userIdsListed("?group={g}&queue={q}", team, queue)).containsExactly(inTeamAndQueue);
        assertThat(userIdsListed("?group={g}", "nobody-" + team)).isEmpty();
    }

    @Test
    void listFiltersThatCannotBeNamesAreRefusedNamingTheParameter() {
        assertThat(fieldsIn(admin().getForEntity("/api/agents?group={g}", Map.class, "Support-Team"))).containsExactly("group");
        assertThat(fieldsIn(admin().getForEntity("/api/agents?queue={q}", Map.class, "support\r\nAction: Originate")))
                .containsExactly("queue");
        assertThat(fieldsIn(admin().getForEntity("/api/agents?group={g}&queue={q}", Map.class, "", "a b")))
                .containsExactly("group", "queue");
    }

    @Test
    void anAgentWhoLeftIsDeletedWith204AndIsGoneWithTheirInterfacesFree() {
        String userId = newUserId("hugo");
        String phone = newInterface();
        put(userId, agent("Hugo Melo", List.of(phone), List.of("support"), List.of("support-team")));

        var deleted = delete(userId);

        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get(userId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(delete(userId).getStatusCode()).as("gone").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(userIdsListed("?group=support-team")).doesNotContain(userId);
        assertThat(put(newUserId("successor"), agent("Successor", List.of(phone), null, null)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(put(userId, agent("Hugo Melo", List.of(newInterface()), null, null)).getStatusCode())
                .as("coming back is a new agent").isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void anUnknownAgentIsA404ProblemNamingIt() {
        String userId = newUserId("nobody");

        var response = get(userId);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody()).containsEntry("title", "Unknown agent").containsEntry("userId", userId)
                .containsEntry("detail", "No agent " + userId).containsEntry("status", 404);
        assertThat(delete(userId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aMalformedUserIdInThePathIsRefusedNamingIt() {
        assertThat(fieldsIn(get("Agent1"))).containsExactly("userId");
        assertThat(fieldsIn(delete("ana souza"))).containsExactly("userId");
    }

    @Test
    void anInterfaceMappedToAnotherAgentIsA409ProblemNamingItAndItsAgentAndNothingIsSaved() {
        String owner = newUserId("owner");
        String phone = newInterface();
        String softphone = "Local/" + owner + "@agents";
        put(owner, agent("Owner", List.of(phone, softphone), null, null));
        String newcomer = newUserId("newcomer");

        var conflict = put(newcomer, agent("Newcomer", List.of(newInterface(), phone, softphone), null, null));

        assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflict.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(conflict.getBody()).containsEntry("title", "Interface mapped to another agent");
        assertThat((String) conflict.getBody().get("detail")).contains(phone + " is mapped to agent " + owner,
                softphone + " is mapped to agent " + owner);
        assertThat((List<Map<String, String>>) conflict.getBody().get("conflicts")).containsExactlyInAnyOrder(
                Map.of("memberInterface", phone, "userId", owner), Map.of("memberInterface", softphone, "userId", owner));
        assertThat(get(newcomer).getStatusCode()).as("not created").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(owner).getBody()).containsEntry("interfaces", List.of(softphone, phone).stream().sorted().toList());
    }

    @Test
    void anInterfaceInAnotherCaseIsTheSameInterfaceAsForAsterisk() {
        String owner = newUserId("owner");
        String phone = newInterface();
        put(owner, agent("Owner", List.of(phone), null, null));
        String other = newUserId("other");
        put(other, agent("Other", List.of(newInterface()), List.of("support"), null));

        var conflict = put(other, agent("Other, renamed", List.of(phone.toUpperCase()), List.of(), null));

        assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((List<Map<String, String>>) conflict.getBody().get("conflicts"))
                .containsExactly(Map.of("memberInterface", phone.toUpperCase(), "userId", owner));
        assertThat(get(other).getBody()).as("unchanged").containsEntry("displayName", "Other")
                .containsEntry("queues", List.of("support"));
    }

    @Test
    void everyBadFieldIsNamedInOneProblem() {
        var response = put("Bad Id", agent(" ", List.of("PJSIP/1001,r", newInterface()), List.of("ok", "not ok"),
                List.of("Team")));

        assertThat(fieldsIn(response)).containsExactly("userId", "displayName", "interfaces[0]", "queues[1]", "groups[0]");
        assertThat((String) response.getBody().get("detail")).contains("interfaces[0] must be an Asterisk interface");
    }

    @Test
    void aListOfTheWrongTypeIsRefusedNamingIt() {
        var response = put(newUserId("typed"), Map.of("displayName", "Typed", "interfaces", "PJSIP/1001"));

        assertThat(fieldsIn(response)).containsExactly("interfaces");
    }

    // ------------------------------------------------------------------ every rule at its boundary

    /** {@code field} null: accepted. */
    static Stream<Arguments> boundaries() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("userId of 64 characters", "u" + id + "a".repeat(55), base(id), null));
        cases.add(Arguments.of("userId of 65 characters", "u" + id + "a".repeat(56), base(id), "userId"));
        cases.add(Arguments.of("userId in upper case", "U" + id, base(id), "userId"));
        cases.add(Arguments.of("userId starting with a dot", "." + id, base(id), "userId"));
        cases.add(Arguments.of("userId 'reconciliation' (the path of the reconciliation)", "reconciliation", base(id), "userId"));

        cases.add(Arguments.of("displayName of 1 character", "dn1-" + id, with(base(id), "displayName", "A"), null));
        cases.add(Arguments.of("displayName of 120 characters", "dn120-" + id, with(base(id), "displayName", "ã".repeat(120)), null));
        cases.add(Arguments.of("displayName of 121 characters", "dn121-" + id, with(base(id), "displayName", "ã".repeat(121)), "displayName"));
        cases.add(Arguments.of("displayName of 120 emoji (240 UTF-16 units)", "dnemoji-" + id,
                with(base(id), "displayName", "😀".repeat(120)), null));
        cases.add(Arguments.of("displayName null", "dnnull-" + id, with(base(id), "displayName", null), "displayName"));
        cases.add(Arguments.of("displayName empty", "dnempty-" + id, with(base(id), "displayName", ""), "displayName"));
        cases.add(Arguments.of("displayName blank", "dnblank-" + id, with(base(id), "displayName", "   "), "displayName"));
        cases.add(Arguments.of("displayName with a line break", "dnlf-" + id,
                with(base(id), "displayName", "Ana\r\nAction: Originate"), "displayName"));
        cases.add(Arguments.of("displayName with a tab", "dntab-" + id, with(base(id), "displayName", "Ana\tSouza"), "displayName"));

        String iface80 = ("PJSIP/b80-" + id + "x".repeat(80)).substring(0, 80);
        cases.add(Arguments.of("interface of 80 characters", "if80-" + id, with(base(id), "interfaces", List.of(iface80)), null));
        cases.add(Arguments.of("interface of 81 characters", "if81-" + id, with(base(id), "interfaces", List.of(iface80 + "x")), "interfaces[0]"));
        cases.add(Arguments.of("interface without a technology", "ifnotech-" + id, with(base(id), "interfaces", List.of("1001")), "interfaces[0]"));
        cases.add(Arguments.of("interface without a resource", "ifnores-" + id, with(base(id), "interfaces", List.of("PJSIP/")), "interfaces[0]"));
        cases.add(Arguments.of("interface with a dial option", "ifcomma-" + id,
                with(base(id), "interfaces", List.of("PJSIP/" + id, "PJSIP/1001,r")), "interfaces[1]"));
        cases.add(Arguments.of("two devices in one interface", "ifamp-" + id,
                with(base(id), "interfaces", List.of("PJSIP/1001&PJSIP/1002")), "interfaces[0]"));
        cases.add(Arguments.of("interface with a line break", "iflf-" + id,
                with(base(id), "interfaces", List.of("PJSIP/1001\r\nAction: Originate")), "interfaces[0]"));
        cases.add(Arguments.of("interface null", "ifnull-" + id, with(base(id), "interfaces", nullList()), "interfaces[0]"));
        cases.add(Arguments.of("20 interfaces", "if20-" + id, with(base(id), "interfaces", interfaces(id, 20)), null));
        cases.add(Arguments.of("21 interfaces", "if21-" + id, with(base(id), "interfaces", interfaces(id, 21)), "interfaces"));
        cases.add(Arguments.of("an interface listed twice", "iftwice-" + id,
                with(base(id), "interfaces", List.of("PJSIP/t-" + id, "PJSIP/t-" + id)), "interfaces[1]"));
        cases.add(Arguments.of("an interface listed twice in two cases", "ifcase-" + id,
                with(base(id), "interfaces", List.of("PJSIP/c-" + id, "pjsip/C-" + id)), "interfaces[1]"));

        String queue80 = ("q80-" + id + "x".repeat(80)).substring(0, 80);
        cases.add(Arguments.of("queue of 80 characters", "q80-" + id, with(base(id), "queues", List.of(queue80)), null));
        cases.add(Arguments.of("queue of 81 characters", "q81-" + id, with(base(id), "queues", List.of(queue80 + "x")), "queues[0]"));
        cases.add(Arguments.of("queue that would inject an AMI header", "qinject-" + id,
                with(base(id), "queues", List.of("support", "support\r\nAction: Originate")), "queues[1]"));
        cases.add(Arguments.of("queue starting with a dash", "qdash-" + id, with(base(id), "queues", List.of("-support")), "queues[0]"));
        cases.add(Arguments.of("100 queues", "q100-" + id, with(base(id), "queues", names("q", 100)), null));
        cases.add(Arguments.of("101 queues", "q101-" + id, with(base(id), "queues", names("q", 101)), "queues"));
        cases.add(Arguments.of("a queue listed twice", "qtwice-" + id, with(base(id), "queues", List.of("support", "support")), "queues[1]"));

        cases.add(Arguments.of("group of 64 characters", "g64-" + id, with(base(id), "groups", List.of("g".repeat(64))), null));
        cases.add(Arguments.of("group of 65 characters", "g65-" + id, with(base(id), "groups", List.of("g".repeat(65))), "groups[0]"));
        cases.add(Arguments.of("group in upper case", "gupper-" + id, with(base(id), "groups", List.of("Support-Team")), "groups[0]"));
        cases.add(Arguments.of("group with a space", "gspace-" + id, with(base(id), "groups", List.of("ok", "support team")), "groups[1]"));
        cases.add(Arguments.of("50 groups", "g50-" + id, with(base(id), "groups", names("g", 50)), null));
        cases.add(Arguments.of("51 groups", "g51-" + id, with(base(id), "groups", names("g", 51)), "groups"));
        cases.add(Arguments.of("a group listed twice", "gtwice-" + id, with(base(id), "groups", List.of("team", "team")), "groups[1]"));
        return cases.stream();
    }

    private static Map<String, Object> base(String id) {
        return agent("Boundary " + id, List.of(), List.of("support"), List.of("boundary-team"));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private static List<String> nullList() {
        List<String> list = new ArrayList<>();
        list.add(null);
        return list;
    }

    /** Interfaces nobody else has: each accepted case uses its own. */
    private static List<String> interfaces(String id, int count) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, count).mapToObj(i -> "PJSIP/" + id + "-" + unique + "-" + i).toList();
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void everyRuleHoldsAtItsBoundaryAndABreakNamesTheField(String what, String userId, Map<String, Object> body,
                                                            String field) {
        var response = put(userId, body);

        if (field == null) {
            assertThat(response.getStatusCode()).as(what).isEqualTo(HttpStatus.CREATED);
            assertThat(get(userId).getStatusCode()).isEqualTo(HttpStatus.OK);
        } else {
            assertThat(fieldsIn(response)).as(what).containsExactly(field);
            if (!field.equals("userId")) {
                assertThat(get(userId).getStatusCode()).as("nothing saved").isEqualTo(HttpStatus.NOT_FOUND);
            }
        }
    }
}
