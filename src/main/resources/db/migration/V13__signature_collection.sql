-- How each petition signature was collected (issue 17). PAPER: a CSV or API signature, as before
-- (every older row). ONLINE: signed on the draft's public page and confirmed by a link mailed to
-- the member's roster address; confirmed_at is when the member confirmed, and
-- mailed_to_roster_address records that the confirmation link went to the roster address on file.
alter table petition_signature add column collected varchar(8) default 'PAPER' not null;
alter table petition_signature add column confirmed_at timestamp with time zone;
alter table petition_signature add column mailed_to_roster_address boolean default false not null;
alter table petition_signature add constraint petition_signature_collected_known
  check (collected in ('PAPER', 'ONLINE'));
alter table petition_signature add constraint petition_signature_online_confirmed
  check (collected = 'PAPER' or confirmed_at is not null);
