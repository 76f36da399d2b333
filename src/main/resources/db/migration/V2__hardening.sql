-- Hardening of the abandoned-call foundation (issue 6). Existing data is kept: every new column is
-- nullable or has a value derived from what was stored before.

-- The number as the PBX or the API client gave it, for display; phone_number stays the normal form
-- used for joining, served-inbound and search (E.164 from V3 on).
alter table callback add column phone_number_display text;
update callback set phone_number_display = phone_number;

-- What a pending callback waits for: an agent, or the PBX link (AMI down). Replaces waiting_for_agent.
alter table callback add column waiting_for text;
update callback set waiting_for = 'AGENT' where waiting_for_agent;
drop index callback_waiting_for_agent;
alter table callback drop column waiting_for_agent;
alter table callback add constraint callback_waiting_for_valid check (waiting_for in ('AGENT', 'PBX'));

-- When the callback's current attempt became due (the first time it asked for an agent): callbacks
-- get agents in this order, first attempts and retries alike.
alter table callback add column due_at timestamptz;
create index callback_waiting on callback (queue, due_at) where status = 'PENDING' and due_at is not null;
-- When the callback last asked for an agent: a waiting callback asks at least every 15 minutes
-- (the model's recheck), so one that stopped asking (its instance is stuck) no longer goes first.
alter table callback add column agent_checked_at timestamptz;

alter table callback drop constraint callback_status_valid;
alter table callback add constraint callback_status_valid check (status in (
    'RECEIVED', 'PENDING', 'CONNECTED', 'ANSWERED', 'LEFT_AFTER_ANSWER', 'EXHAUSTED', 'EXPIRED', 'NOT_ELIGIBLE',
    'DISABLED', 'CANCELLED', 'SERVED_INBOUND', 'MERGED', 'ORPHANED'));
create index callback_pending_by_deadline on callback (expires_at) where status = 'PENDING';

-- Abandons are deduplicated per source: two PBXs (or API clients) may use the same Uniqueid.
alter table abandon_event add column source text not null default 'legacy';
alter table abandon_event alter column source drop default;
alter table abandon_event drop constraint abandon_event_pkey;
alter table abandon_event add primary key (source, unique_id);

-- What the PBX reported about each attempt, recorded as it arrives (never lost when the engine is
-- unreachable): the outcome of the Originate, the customer reaching an agent, leaving before one
-- answered, the call's end.
alter table callback_attempt add column response_at timestamptz;
alter table callback_attempt add column answered_at timestamptz;
alter table callback_attempt add column connected_at timestamptz;
alter table callback_attempt add column connected_agent text;
alter table callback_attempt add column left_at timestamptz;
alter table callback_attempt add column hungup_at timestamptz;
alter table callback_attempt drop constraint attempt_outcome_valid;
alter table callback_attempt add constraint attempt_outcome_valid check (outcome is null or outcome in (
    'CONNECTED', 'ANSWERED', 'ABANDONED_AFTER_ANSWER', 'BUSY', 'NO_ANSWER', 'CONGESTION', 'FAILED'));

-- Messages for the engine that must not be lost: written in the transaction that records the fact,
-- published (and retried) by the outbox dispatcher. The engine drops a message id it has seen.
create table process_message (
    id              bigserial   primary key,
    name            text        not null,
    correlation_key text        not null,
    message_id      text        not null unique,
    variables       jsonb       not null default '{}',
    time_to_live_ms bigint      not null,
    created_at      timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts        integer     not null default 0,
    published_at    timestamptz,
    last_error      text
);
create index process_message_due on process_message (next_attempt_at) where published_at is null;

-- Values the application keeps for itself (the key of the recognisable number masks).
create table installation_value (
    name  text primary key,
    value text not null
);
