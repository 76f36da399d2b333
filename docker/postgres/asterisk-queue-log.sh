#!/bin/sh
# Runs once, at the first start of the postgres service (an empty data volume), mounted into
# /docker-entrypoint-initdb.d/: the database "asterisk" with Asterisk's realtime queue_log table, where
# res_config_pgsql writes (docker/asterisk/extconfig.conf, res_pgsql.conf) and Ringback reads the abandons
# it missed while AMI was down (ringback.queue-log.*). Columns as in Asterisk's own schema
# (contrib/ast-db-manage/queue_log/versions/4105ee839f58_create_queue_log_table.py), with the two indexes
# the readers of recent rows need.
#
# The role "asterisk" has the password ASTERISK_DB_PASSWORD (.env; must equal dbpass in res_pgsql.conf).
# Ringback reads the table as POSTGRES_USER.

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$ASTERISK_DB_PASSWORD" <<'SQL'
create role asterisk login password :'password';
create database asterisk owner asterisk;
SQL

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname asterisk <<'SQL'
set role asterisk;
create table queue_log (
    id        bigserial primary key,
    time      timestamp,
    callid    varchar(80),
    queuename varchar(256),
    agent     varchar(80),
    event     varchar(32),
    data1     varchar(100),
    data2     varchar(100),
    data3     varchar(100),
    data4     varchar(100),
    data5     varchar(100)
);
create index queue_log_by_time on queue_log (time);
create index queue_log_by_callid on queue_log (callid);
reset role;
SQL
