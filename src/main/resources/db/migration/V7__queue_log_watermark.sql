-- Abandons missed while AMI was down are recovered from Asterisk's realtime queue_log after every
-- (re)connect (io.ringback.queuelog). Per PBX (ringback.ami.source): up to when some application
-- instance is known to have handled that PBX's AMI events. After a reconnect or a restart the
-- queue_log is searched from there on (minus a margin); a connected instance moves it forward.
create table queue_log_watermark (
    source      text        primary key,
    heard_until timestamptz not null,
    updated_at  timestamptz not null default now()
);
