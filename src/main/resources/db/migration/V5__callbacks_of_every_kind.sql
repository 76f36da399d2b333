-- Callbacks of every kind (issue 7): abandoned calls, scheduled, web, courtesy and campaign callbacks
-- share the callback table; the fields only abandons have become optional. Existing data is kept.

alter table callback alter column hold_time_seconds drop not null;
alter table callback alter column abandoned_at drop not null;
alter table callback alter column last_abandon_at drop not null;
alter table callback alter column abandon_count set default 0;

-- When the callback was asked for: the abandon, the agent scheduling it, the website posting it.
alter table callback add column requested_at timestamptz;
update callback set requested_at = coalesce(abandoned_at, created_at);
alter table callback alter column requested_at set not null;

alter table callback add constraint callback_origin_valid
    check (origin in ('ABANDONED_CALL', 'SCHEDULED', 'WEB', 'COURTESY', 'CAMPAIGN'));
alter table callback add constraint callback_abandon_has_its_fields
    check (origin <> 'ABANDONED_CALL' or (hold_time_seconds is not null and abandoned_at is not null));

-- Who takes the call: the queue, optionally only a group of its agents or one agent (user ids of the
-- agent directory).
alter table callback add column target_group text;
alter table callback add column target_agent text;

-- Who asked for it and who cancelled it (a user, or the PBX or API client that reported the abandon).
alter table callback add column created_by text;
update callback c set created_by = coalesce(
    (select e.source from abandon_event e where e.callback_id = c.id order by e.received_at limit 1), 'unknown');
alter table callback alter column created_by set not null;
alter table callback add column cancelled_by text;

-- The target a claim was made for (callbacks competing for the same agents share it).
alter table agent_claim add column target text;
update agent_claim set target = 'queue:' || queue;

create index callback_by_origin on callback (origin, created_at);

-- What users did to a callback, oldest first: who created, edited or cancelled it, and when. The creation
-- of every existing callback is recorded from what is known of it.
create table callback_change (
    id          bigserial   primary key,
    callback_id uuid        not null references callback (id) on delete cascade,
    changed_at  timestamptz not null default now(),
    changed_by  text        not null,
    change      text        not null,
    detail      text,
    constraint callback_change_valid check (change in ('CREATED', 'EDITED', 'CANCEL_REQUESTED'))
);
create index callback_change_by_callback on callback_change (callback_id, changed_at);
insert into callback_change (callback_id, changed_at, changed_by, change)
select id, created_at, created_by, 'CREATED' from callback;
