package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.callback.CallbackStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * {@code /api/scheduled-callbacks} through the running application: create, see, change and delete
 * until the window starts, who may do what, the queue's schedule, and the instance following each
 * change. (The field rules at their boundaries: {@code ScheduledCallbackRulesTest}.)
 */
@SuppressWarnings({"unchecked", "rawtypes"})
class ScheduledCallbackApiTest extends RingbackIntegrationTest {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Autowired TestRestTemplate rest;

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, "demo");
    }

    /** A local time in Sao Paulo this far from now, to the minute. */
    private static String inSaoPaulo(Duration fromNow) {
        return LOCAL.format(LocalDateTime.now(SAO_PAULO).plus(fromNow).truncatedTo(ChronoUnit.MINUTES));
    }

    private static Map<String, Object> request(String number, String queue, String start, String end) {
        Map<String, Object> body = new HashMap<>();
        body.put("phoneNumber", number);
        body.put("recipientName", "Ana Souza");
        body.put("windowStart", start);
        body.put("windowEnd", end);
        body.put("timeZone", "America/Sao_Paulo");
        body.put("queue", queue);
        body.put("reason", "wants to talk about the invoice — fatura nº 42 ✓");
        return body;
    }

    /** A number as an agent types it: 7 to 15 characters with spaces. */
    private static String typed(String e164) {
        String digits = e164.substring(3); // without +55
        return digits.substring(0, 2) + " " + digits.substring(2, 7) + " " + digits.substring(7);
    }

    private ResponseEntity<Map> create(String user, Map<String, Object> body) {
        return as(user).postForEntity("/api/scheduled-callbacks", body, Map.class);
    }

    private ResponseEntity<Map> put(String user, Object id, Map<String, Object> body) {
        return as(user).exchange("/api/scheduled-callbacks/" + id, HttpMethod.PUT, new HttpEntity<>(body), Map.class);
    }

    private static List<String> fields(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        return ((List<Map<String, String>>) response.getBody().get("errors")).stream().map(e -> e.get("field")).toList();
    }

    private static UUID id(ResponseEntity<Map> response) {
        return UUID.fromString((String) response.getBody().get("id"));
    }

    @Test
    void anAgentSchedulesACallbackItsInstanceWaitsForTheWindowAndTheDetailsShowWhoAndWhen() {
        String number = newNumber();
        String start = inSaoPaulo(Duration.ofHours(2));
        String end = inSaoPaulo(Duration.ofHours(3));

        var created = create("agent1", request(typed(number), "support", start, end));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        UUID id = id(created);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/scheduled-callbacks/" + id);
        Map<String, Object> body = created.getBody();
        assertThat((String) body.get("protocol")).matches("\\d{16}");
        assertThat(body).containsEntry("phoneNumber", number).containsEntry("createdBy", "agent1")
                .containsEntry("queue", "support").containsEntry("changeable", true);
        Map<String, Object> window = (Map<String, Object>) body.get("window");
        assertThat(window).containsEntry("timeZone", "America/Sao_Paulo").containsEntry("start", start + ":00")
                .containsEntry("startOffset", "-03:00").containsKey("startInstant");
        assertThat(window.get("note")).isNull();

        awaitStatus(id, CallbackStatus.SCHEDULED, Duration.ofSeconds(20));
        long instance = callbacks.find(id).orElseThrow().processInstanceKey();
        assertThat(variableOf(instance, "windowStart")).contains("\"" + window.get("startInstant") + "\"");

        Map<String, Object> detail = as("viewer").getForObject("/api/scheduled-callbacks/" + id, Map.class);
        assertThat(detail).containsEntry("status", "SCHEDULED").containsEntry("phoneNumber", number)
                .containsEntry("reason", "wants to talk about the invoice — fatura nº 42 ✓");
        assertThat((List<Map<String, Object>>) detail.get("history")).singleElement().satisfies(change ->
                assertThat(change).containsEntry("by", "agent1").containsEntry("change", "CREATED"));
        List<Map<String, Object>> list = as("viewer").getForObject("/api/scheduled-callbacks?number={n}", List.class,
                typed(number));
        assertThat(list).singleElement().satisfies(item -> {
            assertThat(item).doesNotContainKey("phoneNumber").containsEntry("createdBy", "agent1");
            assertThat((String) item.get("phoneNumberMasked")).startsWith("+55*");
        });
        Map<String, Object> generic = as("viewer").getForObject("/api/callbacks/" + id, Map.class);
        assertThat(generic).containsEntry("origin", "SCHEDULED").containsEntry("createdBy", "agent1")
                .doesNotContainKeys("holdTimeSeconds", "abandonedAt");
    }

    @Test
    void anEditMovesTheWaitingInstanceAndIsRecordedADeleteEndsIt() {
        String number = newNumber();
        var created = create("agent1", request(number, "support", inSaoPaulo(Duration.ofHours(2)),
                inSaoPaulo(Duration.ofHours(3))));
        UUID id = id(created);
        awaitStatus(id, CallbackStatus.SCHEDULED, Duration.ofSeconds(20));
        long instance = callbacks.find(id).orElseThrow().processInstanceKey();

        var moved = put("agent1", id, request(number, "support", inSaoPaulo(Duration.ofHours(5)),
                inSaoPaulo(Duration.ofHours(6))));

        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        String newStart = (String) ((Map<String, Object>) moved.getBody().get("window")).get("startInstant");
        await().atMost(Duration.ofSeconds(20)).until(() -> variableOf(instance, "windowStart")
                .filter(v -> v.equals("\"" + newStart + "\"")).isPresent());
        List<Map<String, Object>> history = (List<Map<String, Object>>) moved.getBody().get("history");
        assertThat(history).extracting(c -> c.get("change")).containsExactly("CREATED", "EDITED");
        assertThat((String) history.get(1).get("detail")).startsWith("window ").contains(" → ");

        var deleted = as("agent1").exchange("/api/scheduled-callbacks/" + id, HttpMethod.DELETE, null, Map.class);

        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(callbacks.find(id).orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CallbackStatus.CANCELLED);
            assertThat(c.cancelledBy()).isEqualTo("agent1");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> instanceEnded(instance));
        assertThat(incidentOf(id)).isEmpty();
        assertThat(dialsTo(number)).isEmpty();
    }

    private boolean instanceEnded(long instance) {
        return java.util.stream.StreamSupport.stream(io.camunda.zeebe.process.test.filters.RecordStream
                        .of(engine.getRecordStreamSource()).processInstanceRecords().spliterator(), false)
                .anyMatch(r -> r.getKey() == instance
                        && r.getIntent() == io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent.ELEMENT_COMPLETED);
    }

    @Test
    void anAgentChangesAndDeletesOnlyTheirOwnCallbacksASupervisorAnybodys() {
        String number = newNumber();
        Map<String, Object> body = request(number, "support", inSaoPaulo(Duration.ofHours(2)), inSaoPaulo(Duration.ofHours(3)));
        UUID id = id(create("agent1", body));

        var refused = put("agent2", id, body);
        var notDeleted = as("agent2").exchange("/api/scheduled-callbacks/" + id, HttpMethod.DELETE, null, Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).containsEntry("missingPermission", "callbacks:supervise");
        assertThat((String) refused.getBody().get("detail")).contains("scheduled by agent1");
        assertThat(notDeleted.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        body.put("recipientName", "Ana S. Souza");
        var bySupervisor = put("supervisor", id, body);
        assertThat(bySupervisor.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(bySupervisor.getBody()).containsEntry("recipientName", "Ana S. Souza");
        assertThat((List<Map<String, Object>>) bySupervisor.getBody().get("history")).last().satisfies(c ->
                assertThat(c).containsEntry("by", "supervisor").containsEntry("detail", "recipient name"));
    }

    @Test
    void aCallbackWhoseWindowHasStartedCanOnlyBeSeen() {
        UUID id = id(create("agent1", request(newNumber(), "support", inSaoPaulo(Duration.ofHours(2)),
                inSaoPaulo(Duration.ofHours(3)))));
        // as if two hours had passed: the window started a minute ago
        jdbc.sql("update scheduled_callback set window_start = now() - interval '1 minute' where callback_id = ?")
                .param(id).update();

        var change = put("agent1", id, request(newNumber(), "support", inSaoPaulo(Duration.ofHours(2)),
                inSaoPaulo(Duration.ofHours(3))));
        var delete = as("agent1").exchange("/api/scheduled-callbacks/" + id, HttpMethod.DELETE, null, Map.class);

        assertThat(change.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) change.getBody().get("detail")).contains("started").contains("can only be seen");
        assertThat(delete.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(as("agent1").getForObject("/api/scheduled-callbacks/" + id, Map.class)).containsEntry("changeable", false);
    }

    @Test
    void theQueueMustBeOneTheAgentServesAndThatThePbxHas() {
        String start = inSaoPaulo(Duration.ofHours(2));
        String end = inSaoPaulo(Duration.ofHours(3));

        var notMine = create("agent1", request(newNumber(), "sales", start, end));
        var unknown = create("supervisor", request(newNumber(), "no-such-queue", start, end));

        assertThat(fields(notMine)).containsExactly("queue");
        assertThat((String) notMine.getBody().get("detail")).contains("not one of your queues (support");
        assertThat(fields(unknown)).containsExactly("queue");
        assertThat((String) unknown.getBody().get("detail")).contains("not an active queue");
    }

    @Test
    void aWindowOutsideTheQueuesScheduleIsRefusedWithTheHoursOfThatDay() {
        // sales follows the default dial policy of the integration tests: business hours in Sao Paulo
        LocalDateTime nextMonday = LocalDateTime.now(SAO_PAULO).plusDays(1)
                .with(TemporalAdjusters.next(java.time.DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS);
        var early = create("supervisor", request(newNumber(), "sales", LOCAL.format(nextMonday.withHour(6)),
                LOCAL.format(nextMonday.withHour(7))));
        var inHours = create("supervisor", request(newNumber(), "sales", LOCAL.format(nextMonday.withHour(9)),
                LOCAL.format(nextMonday.withHour(11))));
        var pastClosing = create("supervisor", request(newNumber(), "sales", LOCAL.format(nextMonday.withHour(17)),
                LOCAL.format(nextMonday.withHour(19))));

        assertThat(fields(early)).containsExactly("windowStart");
        assertThat((String) early.getBody().get("detail")).contains("outside the schedule of queue sales")
                .contains("08:00–18:00").contains("America/Sao_Paulo");
        assertThat(inHours.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(fields(pastClosing)).containsExactly("windowStart");
    }

    @Test
    void theScheduleOfAQueueShowsItsOpeningsAttemptsAndIntervalForTheComingDays() {
        Map<String, Object> schedule = as("agent1").getForObject("/api/scheduled-callbacks/schedules?queue=sales&days=7",
                Map.class);

        assertThat(schedule).containsEntry("queue", "sales").containsEntry("timeCondition", "business-hours")
                .containsEntry("timeZone", "America/Sao_Paulo").containsEntry("maxAttempts", 3)
                .containsEntry("retryIntervalSeconds", 120);
        List<Map<String, Object>> openings = (List<Map<String, Object>>) schedule.get("openings");
        assertThat(openings).hasSizeBetween(5, 8);
        // the horizon (now + 7 days) cuts the last opening short when it falls inside it (on a Wednesday in
        // business hours, next Wednesday's ends now): every other one ends with the day's hours
        assertThat(Instant.parse((String) openings.getLast().get("endInstant")))
                .isBeforeOrEqualTo(Instant.now().plus(Duration.ofDays(7)));
        assertThat(openings).extracting(o -> (String) o.get("end")).as("whole minutes").allMatch(end -> end.endsWith(":00"));
        assertThat(openings.subList(0, openings.size() - 1)).filteredOn(o -> LocalDateTime.parse((String) o.get("start"))
                        .getDayOfWeek() == java.time.DayOfWeek.WEDNESDAY)
                .allSatisfy(o -> {
                    assertThat((String) o.get("end")).endsWith("T18:00:00");
                    assertThat(LocalDateTime.parse((String) o.get("start")).getHour()).isBetween(8, 17);
                });
        var none = as("agent1").getForEntity("/api/scheduled-callbacks/schedules?queue=a%0Db", Map.class);
        assertThat(fields(none)).containsExactly("queue");
    }

    @Test
    void aSecondCallbackForTheSameNumberIsCreatedWithAWarning() {
        String number = newNumber();
        Map<String, Object> body = request(number, "support", inSaoPaulo(Duration.ofHours(2)), inSaoPaulo(Duration.ofHours(3)));
        UUID first = id(create("agent1", body));

        var second = create("agent1", body);

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((List<String>) second.getBody().get("warnings")).singleElement().asString()
                .contains("SCHEDULED callback " + first);
    }

    @Test
    void badFieldsAreNamedAndNothingIsStored() {
        String number = newNumber();
        Map<String, Object> body = request(number, "support", inSaoPaulo(Duration.ofMinutes(10)),
                inSaoPaulo(Duration.ofHours(9)));
        body.put("recipientName", "Al");
        body.put("timeZone", "Mars/Olympus");

        var refused = create("agent1", body);

        assertThat(fields(refused)).containsExactly("recipientName", "timeZone");
        body.put("timeZone", "America/Sao_Paulo");
        body.put("recipientName", "Alice");
        assertThat(fields(create("agent1", body))).containsExactly("windowStart", "windowEnd");
        assertThat(callbacks.search(null, null, number, 10, 0)).isEmpty();
    }

    // ------------------------------------------------------------------ sticky: owner agent, group, owner wait

    @Test
    void anAgentSchedulesACallbackForThemselvesAndItsDetailsAndListShowTheOwner() {
        String number = newNumber();
        Map<String, Object> body = request(number, "support", inSaoPaulo(Duration.ofHours(2)), inSaoPaulo(Duration.ofHours(3)));
        body.put("ownerAgent", "me");
        body.put("ownerWaitSeconds", "600");

        var created = create("agent1", body);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((Map<String, Object>) created.getBody().get("owner")).containsEntry("agent", "agent1")
                .containsEntry("owner", "agent1").containsEntry("waitSeconds", 600).doesNotContainKey("group");
        UUID id = id(created);
        assertThat(callbacks.find(id).orElseThrow().targetAgent()).isEqualTo("agent1");
        var listed = as("agent1").getForObject("/api/scheduled-callbacks?number={n}", List.class, number);
        assertThat((List<Map<String, Object>>) listed).singleElement().satisfies(item ->
                assertThat((Map<String, Object>) item.get("owner")).containsEntry("owner", "agent1"));
        assertThat(as("agent1").getForObject("/api/callbacks/" + id, Map.class)).containsEntry("owner", "agent1");

        Map<String, Object> toGroup = new HashMap<>(body);
        toGroup.remove("ownerAgent");
        toGroup.remove("ownerWaitSeconds");
        toGroup.put("ownerGroup", "support-team");
        var changed = put("agent1", id, toGroup);
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((Map<String, Object>) changed.getBody().get("owner")).containsEntry("group", "support-team")
                .containsEntry("owner", "group:support-team").doesNotContainKeys("agent", "waitSeconds");
        assertThat((List<Map<String, Object>>) changed.getBody().get("history")).anySatisfy(change ->
                assertThat((String) change.get("detail")).contains("owner agent1 → group:support-team")
                        .contains("owner wait 600 s → the dial policy's"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "support-team".equals(callbacks.find(id).orElseThrow().targetGroup()));
    }

    @Test
    void anOwnerMustBeAnAgentOrGroupOfTheDirectoryWhoServesTheQueue() {
        String start = inSaoPaulo(Duration.ofHours(2));
        String end = inSaoPaulo(Duration.ofHours(3));
        Map<String, Object> both = request(newNumber(), "support", start, end);
        both.put("ownerAgent", "agent1");
        both.put("ownerGroup", "support-team");
        Map<String, Object> waitAlone = request(newNumber(), "support", start, end);
        waitAlone.put("ownerWaitSeconds", "60");
        Map<String, Object> badWait = request(newNumber(), "support", start, end);
        badWait.put("ownerAgent", "agent1");
        badWait.put("ownerWaitSeconds", "-5");
        Map<String, Object> notServing = request(newNumber(), "support", start, end);
        notServing.put("ownerAgent", "agent3");
        Map<String, Object> unknown = request(newNumber(), "support", start, end);
        unknown.put("ownerAgent", "nobody-here");
        Map<String, Object> meNotAnAgent = request(newNumber(), "support", start, end);
        meNotAnAgent.put("ownerAgent", "me");
        Map<String, Object> groupElsewhere = request(newNumber(), "support", start, end);
        groupElsewhere.put("ownerGroup", "sales-team");

        assertThat(fields(create("agent1", both))).containsExactly("ownerGroup");
        assertThat(fields(create("agent1", waitAlone))).containsExactly("ownerWaitSeconds");
        assertThat(fields(create("agent1", badWait))).containsExactly("ownerWaitSeconds");
        var refused = create("agent1", notServing);
        assertThat(fields(refused)).containsExactly("ownerAgent");
        assertThat((String) refused.getBody().get("detail")).contains("agent3 does not serve queue support");
        assertThat(fields(create("agent1", unknown))).containsExactly("ownerAgent");
        var me = create("supervisor", meNotAnAgent);
        assertThat(fields(me)).containsExactly("ownerAgent");
        assertThat((String) me.getBody().get("detail")).contains("not an agent of the directory");
        assertThat(fields(create("supervisor", groupElsewhere))).containsExactly("ownerGroup");
    }
}
