-- The agent directory: people, the Asterisk interfaces they answer on, the queues they serve and the
-- groups they belong to. The application checks every value first (io.ringback.directory.AgentValues,
-- with messages naming the field); these constraints hold the same rules, so that nothing written by
-- another path breaks them.

create table agent (
    user_id      text        primary key,
    display_name text        not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    -- lower case; 'reconciliation' would be hidden by GET /api/agents/reconciliation
    constraint agent_user_id_valid check (user_id ~ '^[a-z0-9][a-z0-9._-]{0,63}$' and user_id <> 'reconciliation'),
    -- 1 to 120 characters (code points), not blank, no control characters or line/paragraph separators
    constraint agent_display_name_valid check (
        char_length(display_name) between 1 and 120
        and btrim(display_name) <> ''
        and display_name !~ '[\u0001-\u001f\u007f-\u009f\u2028\u2029]')
);

-- An interface belongs to at most one agent. Asterisk compares queue member interfaces without regard
-- to case (app_queue: strcasecmp), so PJSIP/1001 and pjsip/1001 are one interface here too; the
-- spelling given is kept.
create table agent_interface (
    member_interface text primary key,
    user_id          text not null references agent (user_id) on delete cascade,
    constraint agent_interface_valid check (
        member_interface ~ '^[A-Za-z][A-Za-z0-9]*/[A-Za-z0-9@._:+-][A-Za-z0-9/@._:+-]*$'
        and char_length(member_interface) <= 80)
);
create unique index agent_interface_one_agent on agent_interface (lower(member_interface));
create index agent_interface_by_agent on agent_interface (user_id);

-- The queues an agent is said to serve (what the reconciliation compares with the members AMI reports).
create table agent_queue (
    user_id text not null references agent (user_id) on delete cascade,
    queue   text not null,
    primary key (user_id, queue),
    constraint agent_queue_valid check (queue ~ '^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,79}$')
);
create index agent_queue_by_queue on agent_queue (queue);

-- The groups an agent belongs to (callbacks for a group go to its members).
create table agent_group (
    user_id    text not null references agent (user_id) on delete cascade,
    group_name text not null,
    primary key (user_id, group_name),
    constraint agent_group_valid check (group_name ~ '^[a-z0-9][a-z0-9._-]{0,63}$')
);
create index agent_group_by_group on agent_group (group_name);
