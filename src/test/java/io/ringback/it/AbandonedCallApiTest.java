package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.callback.CallbackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code /api}: intake from other PBXs, queries, cancellation, and RFC 7807 errors naming each field. */
@SuppressWarnings({"unchecked", "rawtypes"})
class AbandonedCallApiTest extends RingbackIntegrationTest {

    @Autowired TestRestTemplate rest;

    /** Each call as the least-privileged demo user that may make it: a PBX posts abandons ... */
    private TestRestTemplate pbx() {
        return rest.withBasicAuth("pbx", "demo");
    }

    /** ... a viewer reads callbacks ... */
    private TestRestTemplate viewer() {
        return rest.withBasicAuth("viewer", "demo");
    }

    /** ... a supervisor cancels them. */
    private TestRestTemplate supervisor() {
        return rest.withBasicAuth("supervisor", "demo");
    }

    private static ResponseEntity<Map> post(TestRestTemplate as, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as.postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    private static Map<String, Object> abandon(String queue, String number, Object hold, Object at, String uniqueId) {
        var body = new java.util.HashMap<String, Object>();
        body.put("queue", queue);
        body.put("callerNumber", number);
        body.put("holdTimeSeconds", hold);
        body.put("abandonedAt", at);
        if (uniqueId != null) {
            body.put("uniqueId", uniqueId);
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private static List<String> fieldsIn(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        return ((List<Map<String, String>>) response.getBody().get("errors")).stream().map(e -> e.get("field")).toList();
    }

    @Test
    void anAbandonFromAnotherPbxBecomesACallbackWithItsProcessInstance() {
        String number = "+55 11 3333-" + (1000 + (int) (Math.random() * 8999));
        var response = post(pbx(), "/api/abandoned-calls", abandon("billing", number, 40, Instant.now().toString(), null));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getBody()).containsEntry("result", "CREATED");
        UUID id = UUID.fromString((String) response.getBody().get("callbackId"));
        assertThat(response.getHeaders().getLocation()).hasToString("/api/callbacks/" + id);

        awaitStatus(id, CallbackStatus.DISABLED, Duration.ofSeconds(20));
        Map<String, Object> detail = viewer().getForObject("/api/callbacks/" + id, Map.class);
        assertThat(detail.get("phoneNumber")).isEqualTo(number.replaceAll("[ -]", ""));
        assertThat(detail.get("status")).isEqualTo("DISABLED");
        assertThat(detail.get("processInstanceKey")).isNotNull();
        assertThat((Map<String, Object>) detail.get("settings"))
                .as("a disabled queue needs no dial policy: only the abandon rules applied")
                .isEqualTo(Map.of("abandonRules", Map.of("enabled", false, "minimumWaitSeconds", 0, "ownerIsLastAgent", false)));
        assertThat(detail.get("origin")).isEqualTo("ABANDONED_CALL");
        assertThat(detail.get("requestedAt")).isNotNull();
        assertThat(detail.get("createdBy")).as("the API user who reported the abandon").isEqualTo("pbx");
        assertThat((List<Map<String, Object>>) detail.get("history")).singleElement().satisfies(change -> {
            assertThat(change).containsEntry("by", "pbx").containsEntry("change", "CREATED");
            assertThat((String) change.get("detail")).isEqualTo("abandoned in queue billing after 40 s");
        });
        assertThat((List<?>) detail.get("abandonIds")).singleElement().asString().startsWith("api-");
    }

    @Test
    void theSameAbandonPostedTwiceIsRecordedOnce() {
        String uniqueId = "pbx2-" + UUID.randomUUID();
        String number = newNumber();
        var first = post(pbx(), "/api/abandoned-calls", abandon("billing", number, 40, Instant.now().toString(), uniqueId));
        var second = post(pbx(), "/api/abandoned-calls", abandon("billing", number, 40, Instant.now().toString(), uniqueId));

        assertThat(first.getBody()).containsEntry("result", "CREATED");
        assertThat(second.getBody()).containsEntry("result", "DUPLICATE")
                .containsEntry("callbackId", first.getBody().get("callbackId"));
        assertThat(callbacks.search(null, "billing", number, 10, 0)).hasSize(1);
    }

    @Test
    void missingAndOutOfRangeFieldsAreEachNamed() {
        var response = post(pbx(), "/api/abandoned-calls", abandon("", "5550001", -1, null, null));

        assertThat(fieldsIn(response)).containsExactlyInAnyOrder("queue", "holdTimeSeconds", "abandonedAt");
        assertThat(response.getBody()).containsEntry("status", 400).containsEntry("title", "Invalid request");
    }

    @Test
    void aNumberThatCannotBeDialedIsRejected() {
        var response = post(pbx(), "/api/abandoned-calls", abandon("support", "anonymous", 30, Instant.now().toString(), null));

        assertThat(fieldsIn(response)).containsExactly("callerNumber");
    }

    @Test
    void anUnreadableDateIsNamed() {
        var response = post(pbx(), "/api/abandoned-calls", abandon("support", "5550001", 30, "yesterday", null));

        assertThat(fieldsIn(response)).containsExactly("abandonedAt");
    }

    @Test
    void anAbandonInTheFutureIsRejected() {
        var response = post(pbx(), "/api/abandoned-calls", abandon("support", "5550001", 30,
                Instant.now().plus(Duration.ofHours(1)).toString(), null));

        assertThat(fieldsIn(response)).containsExactly("abandonedAt");
    }

    @Test
    void callbacksAreListedByQueueAndNumberWithMaskedNumbers() {
        String number = newNumber();
        post(pbx(), "/api/abandoned-calls", abandon("billing", number, 40, Instant.now().toString(), null));

        List<?> list = viewer().getForObject("/api/callbacks?queue={queue}&number={number}", List.class, "billing", number);
        List<?> abandons = viewer().getForObject("/api/callbacks?origin=ABANDONED_CALL&number={number}", List.class, number);
        List<?> scheduled = viewer().getForObject("/api/callbacks?origin=SCHEDULED&number={number}", List.class, number);

        assertThat(abandons).hasSize(1);
        assertThat(scheduled).isEmpty();
        assertThat(list).singleElement().satisfies(item -> {
            Map<String, Object> callback = (Map<String, Object>) item;
            assertThat((String) callback.get("phoneNumberMasked"))
                    .matches("\\+55\\*+" + number.substring(number.length() - 4) + "~[0-9a-f]{4}");
            assertThat(callback).doesNotContainKey("phoneNumber");
        });
    }

    @Test
    void badQueryParametersAreNamed() {
        var response = viewer().getForEntity("/api/callbacks?status=SOMETIMES&limit=0", Map.class);
        assertThat(fieldsIn(response)).containsExactly("status");

        var limit = viewer().getForEntity("/api/callbacks?limit=0", Map.class);
        assertThat(fieldsIn(limit)).containsExactly("limit");

        var origin = viewer().getForEntity("/api/callbacks?origin=PIGEON", Map.class);
        assertThat(fieldsIn(origin)).containsExactly("origin");
    }

    @Test
    void anUnknownCallbackIsNotFound() {
        var response = viewer().getForEntity("/api/callbacks/" + UUID.randomUUID(), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(fieldsIn(viewer().getForEntity("/api/callbacks/not-a-uuid", Map.class))).containsExactly("id");
    }

    @Test
    void aPendingCallbackCanBeCancelledButAnEndedOneCannot() {
        String queue = queueWithAgent("it-fast-cancel");
        asterisk.setMemberPaused(queue, "Local/" + queue + "-agent@agents", true, "training");
        var created = post(pbx(), "/api/abandoned-calls", abandon(queue, newNumber(), 40, Instant.now().toString(), null));
        UUID id = UUID.fromString((String) created.getBody().get("callbackId"));
        awaitStatus(id, CallbackStatus.PENDING, Duration.ofSeconds(20));

        var cancel = post(supervisor(), "/api/callbacks/" + id + "/cancel", Map.of("reason", "customer asked by e-mail"));

        assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        var cancelled = awaitStatus(id, CallbackStatus.CANCELLED, Duration.ofSeconds(20));
        assertThat(cancelled.endReason()).isEqualTo("cancelled: customer asked by e-mail");
        assertThat(cancelled.cancelledBy()).isEqualTo("supervisor");
        assertThat(post(supervisor(), "/api/callbacks/" + id + "/cancel", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = viewer().getForObject("/api/callbacks/" + id, Map.class);
        assertThat(detail.get("cancelledBy")).isEqualTo("supervisor");
        assertThat((List<Map<String, Object>>) detail.get("history")).extracting(c -> c.get("by"), c -> c.get("change"),
                c -> c.get("detail")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pbx", "CREATED", "abandoned in queue " + queue + " after 40 s"),
                        org.assertj.core.groups.Tuple.tuple("supervisor", "CANCEL_REQUESTED", "customer asked by e-mail"));
    }

    @Test
    void theSameUniqueIdFromTwoSourcesIsTwoAbandons() {
        String uniqueId = "1795288839." + (int) (Math.random() * 1000);
        String first = newNumber();
        String second = newNumber();
        var pbx2 = abandon("billing", first, 40, Instant.now().toString(), uniqueId);
        pbx2.put("source", "pbx2");
        var pbx3 = abandon("billing", second, 40, Instant.now().toString(), uniqueId);
        pbx3.put("source", "pbx3");

        assertThat(post(pbx(), "/api/abandoned-calls", pbx2).getBody()).containsEntry("result", "CREATED");
        assertThat(post(pbx(), "/api/abandoned-calls", pbx3).getBody()).containsEntry("result", "CREATED");
    }

    @Test
    void oneNumberTypedInTwoFormsIsOneCustomer() {
        String queue = queueWithAgent("it-long-forms");
        asterisk.setMemberPaused(queue, "Local/" + queue + "-agent@agents", true, "meeting");
        String local = String.format("(11) 9%04d-%04d", (int) (Math.random() * 9999), (int) (Math.random() * 9999));
        String international = "+55 " + local.replaceAll("[()]", "");

        var first = post(pbx(), "/api/abandoned-calls", abandon(queue, international, 40, Instant.now().toString(), null));
        awaitStatus(UUID.fromString((String) first.getBody().get("callbackId")), CallbackStatus.PENDING,
                Duration.ofSeconds(20));
        var second = post(pbx(), "/api/abandoned-calls", abandon(queue, local, 40, Instant.now().toString(), null));

        assertThat(second.getBody()).containsEntry("result", "JOINED")
                .containsEntry("callbackId", first.getBody().get("callbackId"));
    }

    @Test
    void aQueueNameThatWouldReachAnAmiHeaderOrALogLineWithALineBreakIsRefused() {
        var response = post(pbx(), "/api/abandoned-calls", abandon("support\r\nAction: Originate", newNumber(), 40,
                Instant.now().toString(), null));

        assertThat(fieldsIn(response)).containsExactly("queue");
    }
}
