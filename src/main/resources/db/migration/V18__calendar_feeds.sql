-- Step 13 (calendar feeds): the secret key of each MIG's calendar feed, and what each feed event
-- looked like when a feed last showed it, so that a changed date raises its SEQUENCE.

-- One key per MIG, created on the first ask (GET /api/migs/{id}/calendar) and replaced by a reset.
-- The key is kept as it was given (its link is shown again on /my and the MIG's page) and is
-- compared in constant time; it is 32 random bytes, base64url without padding (43 characters).
create table mig_calendar_key (
  mig_id      varchar(100)  not null primary key references mig (id) on delete cascade,
  feed_key    varchar(64)   not null,
  created_at  timestamp with time zone not null
);

-- An event of a feed by its UID: the dates it was last shown with (fingerprint), its SEQUENCE
-- (raised by one whenever the dates change) and when that happened (its LAST-MODIFIED).
create table calendar_event_version (
  uid          varchar(200)  not null primary key,
  fingerprint  varchar(400)  not null,
  sequence_no  integer       not null,
  modified_at  timestamp with time zone not null
);
