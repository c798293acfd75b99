-- Step 12 (issue 18): every request a MIG makes is a record with its outcome; a renamed MIG keeps
-- its former names; a returned annual report is resubmitted, and each round of it is kept.

-- One request of a MIG: meeting space, a support item, budget, to disband, to transition or to be
-- renamed. status OPEN until the office (or COO) decides it, then GRANTED or DECLINED; outcome is
-- the decision in words with the decider's notes. amount (US dollars) only for BUDGET; new_name
-- only for RENAME. details and outcome hold up to 4000 characters of the MIG's or the decider's own text
-- with their words around it.
create table mig_request (
  id            varchar(40)   not null primary key,
  mig_id        varchar(100)  not null references mig (id),
  request_type  varchar(16)   not null,
  details       varchar(4400) not null,
  amount        decimal(12, 2),
  new_name      varchar(200),
  status        varchar(10)   not null,
  outcome       varchar(4600),
  requested_by  varchar(254),
  requested_at  timestamp with time zone not null,
  decided_by    varchar(64),
  decided_at    timestamp with time zone,
  constraint mig_request_type_known check (request_type in
    ('MEETING_SPACE', 'SUPPORT_ITEM', 'BUDGET', 'DISBAND', 'TRANSITION', 'RENAME')),
  constraint mig_request_status_known check (status in ('OPEN', 'GRANTED', 'DECLINED'))
);
create index mig_request_mig on mig_request (mig_id, requested_at);

-- The names a MIG had before it was renamed; its id stays. The newest former name has the
-- highest position.
create table mig_former_name (
  mig_id      varchar(100)  not null references mig (id),
  position    integer       not null,
  name        varchar(200)  not null,
  renamed_at  timestamp with time zone not null,
  primary key (mig_id, position)
);

-- A rename decided by COO goes into its report to Council.
alter table coo_decision drop constraint coo_decision_subject_known;
alter table coo_decision add constraint coo_decision_subject_known
  check (subject in ('ESTABLISH', 'RENEW', 'DISBAND', 'TRANSITION', 'RENAME'));

-- Each round of an annual report: what was submitted, when, and COO's review of it. A returned
-- report is resubmitted as a new round; annual_report keeps the latest.
create table annual_report_round (
  report_id     varchar(120)  not null references annual_report (id),
  round         integer       not null,
  activities    varchar(20000) not null,
  submitted_at  timestamp with time zone not null,
  submitted_by  varchar(64),
  late          boolean,
  accepted      boolean,
  review_notes  varchar(4000),
  reviewed_at   timestamp with time zone,
  primary key (report_id, round)
);

-- Reports received before rounds were kept: their one round.
insert into annual_report_round (report_id, round, activities, submitted_at, submitted_by, late, accepted,
                                 review_notes, reviewed_at)
select id, 1, activities, submitted_at, submitted_by, late,
       case status when 'ACCEPTED' then true when 'RETURNED' then false end, review_notes, reviewed_at
  from annual_report where submitted_at is not null and activities is not null;
