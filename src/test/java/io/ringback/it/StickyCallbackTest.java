package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringback.agent.AgentRegistry;
import io.ringback.callback.Attempt;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackStatus;
import io.ringback.callback.OwnerWaitExpiries;
import io.ringback.directory.AgentDetails;
import io.ringback.directory.AgentDirectory;
import io.ringback.simulator.CustomerBehaviour;
import io.ringback.support.PhoneNumbers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * Sticky callbacks of abandoned calls through the running application and the simulated Asterisk
 * (real asterisk-java on the wire): the orchestrator records who spoke with whom from AMI, an abandon
 * in a queue whose rules say {@code ownerIsLastAgent} belongs to the last agent who spoke with that
 * caller, the answered customer is dialed through to that agent ({@code CB_AGENT}), and an owner who
 * is not free within the owner wait (3 s for the {@code it-sticky*} queues, models/dial-policy-it.dmn)
 * loses the callback to the first free agent — recorded, counted per owner, and served by the KPI API.
 */
class StickyCallbackTest extends RingbackIntegrationTest {

    @Autowired AgentDirectory directory;
    @Autowired AgentRegistry registry;
    @Autowired OwnerWaitExpiries expiries;
    @Autowired PhoneNumbers phones;
    @Autowired MeterRegistry meters;
    @Autowired TestRestTemplate rest;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String queue = "it-sticky-" + suffix;
    final String owner = "Local/" + queue + "-owner@agents";
    final String other = "Local/" + queue + "-other@agents";
    final String ownerId = "owner-" + suffix;

    @BeforeEach
    void queueWithTwoAgents() {
        asterisk.addMember(queue, owner, "Owner");
        asterisk.addMember(queue, other, "Other");
        directory.create(ownerId, new AgentDetails("Owner", List.of(owner), List.of(queue), List.of()));
    }

    /** An inbound call of this number that the owner answers (the other agent is paused meanwhile). */
    private void ownerTalksWith(String number) {
        asterisk.setMemberPaused(queue, other, true, "busy");
        asterisk.inboundServed(queue, number, "Repeat caller");
        String normalised = phones.normalise(number).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select count(*) from agent_call where phone_number = ? and agent_user_id = ?")
                .params(normalised, ownerId).query(Integer.class).single() == 1);
        asterisk.setMemberPaused(queue, other, false, null);
    }

    private boolean available(String memberInterface) {
        return registry.available(queue).stream().anyMatch(m -> m.memberInterface().equals(memberInterface));
    }

    private Attempt awaitAttemptEnd(UUID callbackId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> attemptsOf(callbackId),
                list -> !list.isEmpty() && list.getFirst().outcome() != null).getFirst();
    }

    @Test
    void theLastAgentWhoSpokeWithARepeatedCallerGetsTheCallbackAndTheCustomerIsConnectedToThem() {
        String number = newNumber();
        ownerTalksWith(number);
        await().atMost(Duration.ofSeconds(15)).until(() -> available(owner) && available(other));
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "Repeat caller", 30);

        Callback callback = awaitCallback(queue, number);
        awaitStatus(callback.id(), CallbackStatus.CONNECTED, Duration.ofSeconds(30));
        assertThat(callbacks.find(callback.id()).orElseThrow().targetAgent())
                .as("owned by the last agent who spoke with the caller").isEqualTo(ownerId);
        Attempt attempt = awaitAttemptEnd(callback.id());
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.CONNECTED);
        assertThat(attempt.agentInterface()).as("the owner is claimed, not the other agent idle as long")
                .isEqualTo(owner);
        assertThat(attempt.connectedAgent()).as("and the customer is connected to the owner").isEqualTo("Owner");
        assertThat(dialsTo(number)).singleElement()
                .satisfies(dial -> assertThat(dial.variables()).containsEntry("CB_AGENT", owner));
        assertThat(expiries.of(callback.id())).isEmpty();
    }

    @Test
    void aCallerNobodySpokeWithGetsACallbackForTheWholeQueue() {
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);

        asterisk.abandon(queue, number, "New caller", 30);

        Callback callback = awaitCallback(queue, number);
        awaitStatus(callback.id(), CallbackStatus.CONNECTED, Duration.ofSeconds(30));
        assertThat(callbacks.find(callback.id()).orElseThrow().targetAgent()).isNull();
        assertThat(dialsTo(number)).singleElement()
                .satisfies(dial -> assertThat(dial.variables()).containsEntry("CB_AGENT", ""));
    }

    @ParameterizedTest(name = "an owner who is {0}")
    @ValueSource(strings = {"paused", "logged off"})
    void anOwnerWhoIsNotFreeIsWaitedForThenTheCallbackGoesToTheFirstFreeAgentAndTheExpiryIsLoggedAndCounted(String state) {
        String number = newNumber();
        ownerTalksWith(number);
        if (state.equals("paused")) {
            asterisk.setMemberPaused(queue, owner, true, "lunch");
        } else {
            asterisk.setMemberAvailable(queue, owner, false);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> available(other));
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);
        Instant before = Instant.now().minusSeconds(1);

        asterisk.abandon(queue, number, "Repeat caller", 30);

        Callback callback = awaitCallback(queue, number);
        awaitStatus(callback.id(), CallbackStatus.CONNECTED, Duration.ofSeconds(30));
        Attempt attempt = awaitAttemptEnd(callback.id());
        assertThat(attempt.agentInterface()).as("released to the free agent").isEqualTo(other);
        assertThat(attempt.connectedAgent()).isEqualTo("Other");
        assertThat(attempt.createdAt()).as("only after the owner wait of 3 s")
                .isAfterOrEqualTo(callback.createdAt().plusSeconds(3));
        assertThat(expiries.of(callback.id())).singleElement().satisfies(expiry -> {
            assertThat(expiry.owner()).isEqualTo(ownerId);
            assertThat(expiry.reason()).isEqualTo(OwnerWaitExpiries.Reason.WAIT_ENDED);
            assertThat(expiry.takenBy()).as("who took it instead").isEqualTo("Other");
            assertThat(expiry.takenAt()).isNotNull();
        });

        assertThat(meters.get("ringback.owner.wait.expiries").tag("owner", ownerId).counter().count()).isEqualTo(1.0);
        var kpi = rest.withBasicAuth("viewer", "demo").getForEntity("/api/kpis/owner-wait-expiries?from={from}&to={to}",
                Map.class, before, Instant.now().plusSeconds(1));
        assertThat(kpi.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map<String, Object>>) kpi.getBody().get("owners"))
                .contains(Map.of("owner", ownerId, "expiries", 1));
        var details = rest.withBasicAuth("viewer", "demo").getForEntity("/api/callbacks/{id}", Map.class, callback.id());
        assertThat(details.getBody()).containsEntry("owner", ownerId);
        assertThat((List<Map<String, Object>>) details.getBody().get("ownerWaitExpiries")).singleElement()
                .satisfies(expiry -> assertThat(expiry).containsEntry("owner", ownerId).containsEntry("takenBy", "Other"));
    }

    @Test
    void theKpiNeedsAPeriodThatEndsAfterItStarts() {
        var refused = rest.withBasicAuth("viewer", "demo").getForEntity(
                "/api/kpis/owner-wait-expiries?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().toString()).contains("to").contains("must be after from");
    }
}
