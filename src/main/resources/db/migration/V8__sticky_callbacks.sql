-- Sticky callbacks (issue 9, SPEC §4): a callback can belong to an owner — one agent or a group
-- (callback.target_agent / target_group) — that it waits for, up to its owner wait, before it is
-- released to the first free agent of the queue.

-- The owner wait a user set for this callback (scheduled callbacks); null: the dial policy's.
alter table callback add column owner_wait_seconds integer;
alter table callback add constraint callback_owner_wait_valid check (owner_wait_seconds is null or owner_wait_seconds >= 0);

-- Who spoke with whom: every queue call an agent answered (AgentConnect), by the caller's number in its
-- normal form. "The last agent who spoke with this customer" is read here (and from callback attempts
-- that reached an agent).
create table agent_call (
    id               bigserial   primary key,
    phone_number     text        not null,
    queue            text        not null,
    member_interface text        not null,
    agent_user_id    text,
    unique_id        text        not null,
    source           text        not null,
    connected_at     timestamptz not null,
    unique (source, unique_id, member_interface)
);
create index agent_call_by_number on agent_call (phone_number, connected_at desc);

-- Each time a callback stopped waiting for its owner and was released to anybody: the owner, when,
-- why, and the agent who took it instead (set when the next claim succeeds). The KPI of seed 003.
create table owner_wait_expiry (
    id          bigserial   primary key,
    callback_id uuid        not null references callback (id) on delete cascade,
    owner       text        not null,
    expired_at  timestamptz not null,
    reason      text        not null,
    taken_by    text,
    taken_at    timestamptz,
    constraint owner_wait_expiry_reason check (reason in ('WAIT_ENDED', 'OWNER_REMOVED'))
);
create index owner_wait_expiry_by_time on owner_wait_expiry (expired_at);
create index owner_wait_expiry_by_callback on owner_wait_expiry (callback_id);
