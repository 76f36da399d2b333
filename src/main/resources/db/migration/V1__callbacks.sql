-- Callbacks and their personal data live here, not in the engine: process variables carry the
-- callback id and what the model needs.

create table callback (
    id                   uuid        primary key,
    origin               text        not null,                 -- ABANDONED_CALL (later: SCHEDULED, WEB, ...)
    queue                text        not null,
    phone_number         text        not null,                 -- normalised digits, optional leading +
    caller_name          text,
    hold_time_seconds    integer     not null check (hold_time_seconds >= 0),
    abandoned_at         timestamptz not null,
    status               text        not null,
    end_reason           text,
    abandon_count        integer     not null default 1,
    last_abandon_at      timestamptz not null,
    process_instance_key bigint,
    settings             jsonb,                                -- queue settings that applied (from the DMN)
    expires_at           timestamptz,
    waiting_for_agent    boolean     not null default false,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    ended_at             timestamptz,
    constraint callback_status_valid check (status in (
        'RECEIVED', 'PENDING', 'ANSWERED', 'EXHAUSTED', 'EXPIRED', 'NOT_ELIGIBLE', 'DISABLED',
        'CANCELLED', 'SERVED_INBOUND', 'MERGED'))
);

-- One pending callback per number and queue: a repeated abandon joins it.
create unique index callback_one_pending_per_number
    on callback (queue, phone_number) where status = 'PENDING';
create index callback_by_status on callback (status, created_at);
create index callback_by_number_digits on callback (regexp_replace(phone_number, '[^0-9]', '', 'g'));
create index callback_waiting_for_agent on callback (queue, created_at) where waiting_for_agent;

-- Every abandon seen, keyed by the PBX's unique id: the same abandon seen twice (reconnect,
-- two application instances) is recorded once.
create table abandon_event (
    unique_id         text        primary key,
    callback_id       uuid        not null references callback (id),
    queue             text        not null,
    hold_time_seconds integer     not null,
    abandoned_at      timestamptz not null,
    received_at       timestamptz not null default now()
);
create index abandon_event_by_callback on abandon_event (callback_id);

-- The attempt log. The row is written before the Originate is sent, so a redelivered job never
-- dials again.
create table callback_attempt (
    callback_id      uuid        not null references callback (id),
    attempt          integer     not null check (attempt > 0),
    action_id        text        not null unique,
    agent_interface  text,
    created_at       timestamptz not null default now(),
    originate_sent_at timestamptz,
    outcome          text,
    reason_code      integer,
    detail           text,
    ended_at         timestamptz,
    primary key (callback_id, attempt),
    constraint attempt_outcome_valid check (outcome is null or outcome in (
        'ANSWERED', 'BUSY', 'NO_ANSWER', 'CONGESTION', 'FAILED'))
);

-- An agent claimed by a callback that is about to dial: never more callbacks in flight than idle
-- agents. Claims expire so that a crash cannot keep an agent reserved.
create table agent_claim (
    agent_interface text        primary key,
    queue           text        not null,
    callback_id     uuid        not null references callback (id),
    claimed_at      timestamptz not null,
    expires_at      timestamptz not null
);
create index agent_claim_by_callback on agent_claim (callback_id);
