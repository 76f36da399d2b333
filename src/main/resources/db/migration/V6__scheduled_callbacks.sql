-- Scheduled callbacks (issue 8, SPEC §3): a callback an agent or an API client schedules for a call
-- window in the customer's time zone. The shared part is a callback row (origin SCHEDULED); what only
-- scheduled callbacks have is here, one row per callback.

-- SCHEDULED: waiting for its window (editable and deletable until the window starts).
-- MISSED: the window passed without the customer reaching an agent.
alter table callback drop constraint callback_status_valid;
alter table callback add constraint callback_status_valid check (status in (
    'RECEIVED', 'SCHEDULED', 'PENDING', 'CONNECTED', 'ANSWERED', 'LEFT_AFTER_ANSWER', 'EXHAUSTED', 'EXPIRED',
    'MISSED', 'NOT_ELIGIBLE', 'DISABLED', 'CANCELLED', 'SERVED_INBOUND', 'MERGED', 'ORPHANED'));

-- One pending callback per number and queue is the dedupe of abandoned calls; a scheduled callback is a
-- promise of its own and may be pending beside one.
drop index callback_one_pending_per_number;
create unique index callback_one_pending_per_number
    on callback (queue, phone_number) where status = 'PENDING' and origin = 'ABANDONED_CALL';

create table scheduled_callback (
    callback_id        uuid        primary key references callback (id) on delete cascade,
    -- the window as the user gave it: local date-times in the customer's zone
    window_start_local timestamp   not null,
    window_end_local   timestamp   not null,
    time_zone          text        not null,
    -- the same window as instants (an ambiguous local time takes the earlier offset)
    window_start       timestamptz not null,
    window_end         timestamptz not null,
    reason             text,
    protocol           text        not null,
    -- counts the edits: each edit's message to the model is named by it
    revision           integer     not null default 0,
    constraint scheduled_window_order check (window_end > window_start),
    constraint scheduled_window_length check (window_end <= window_start + interval '8 hours')
);
create index scheduled_callback_by_window on scheduled_callback (window_start);

-- Protocol numbers (Lei do SAC: one per request): the interaction's, or one of our own. An interaction
-- (the call the agent is on, by its Asterisk id) keeps its protocol however many callbacks it asks for.
create sequence protocol_number_seq;
create table protocol (
    number         text        primary key,
    interaction_id text        unique,
    created_at     timestamptz not null default now()
);

create index callback_scheduled_by_creator on callback (created_by, created_at) where origin = 'SCHEDULED';
