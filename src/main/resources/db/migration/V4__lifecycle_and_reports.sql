-- Step 4: the living MIG.

-- When an approved re-petition's three years were added to the term (null until then), so that
-- the term's end can tell "approved, not yet applied" from "nothing filed".
alter table petition add column term_extended_at timestamp with time zone;

-- How a MIG ended: the day, and for a transition the unit it became part of.
alter table mig add column ended_on date;
alter table mig add column transitioned_to varchar(200);

-- One report of a MIG's activities to COO: the yearly one due August 1 (id {migId}:{year}) or an
-- extra one COO asked for (id {migId}:{dueDate}); the id is the mig-annual-report business key.
-- status: AWAITED until it arrives, RECEIVED until COO has reviewed it, then ACCEPTED or
-- RETURNED; CANCELLED when the MIG ended first.
create table annual_report (
  id            varchar(120)  not null primary key,
  mig_id        varchar(100)  not null references mig (id),
  report_year   integer       not null,
  due_date      date          not null,
  extra         boolean       not null,
  status        varchar(10)   not null,
  requested_by  varchar(64),
  opened_at     timestamp with time zone not null,
  activities    varchar(20000),
  submitted_at  timestamp with time zone,
  submitted_by  varchar(64),
  late          boolean,
  reviewed_at   timestamp with time zone,
  review_notes  varchar(4000),
  constraint annual_report_status_known check (status in ('AWAITED', 'RECEIVED', 'ACCEPTED', 'RETURNED', 'CANCELLED'))
);
create index annual_report_mig on annual_report (mig_id, status, due_date);
