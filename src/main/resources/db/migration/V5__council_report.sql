-- Step 5: the COO report to Council, one per conference of mig.conferences (package reporting).
-- The row is written when the conference's coo-council-report instance starts (SCHEDULED): its
-- primary key makes that happen once per conference, even with two nodes starting together.
-- 14 days before the conference the report is compiled (DRAFT): the COO decisions and MIG
-- changes of its period, as JSON in content, and the state of things then (overdue annual
-- reports, active MIGs). The COO chair adds remarks, and it is PUBLISHED to Council.
-- The period runs from the previous published report's period_end (null: from the beginning)
-- to the start of the day the report was compiled, in mig.time-zone, so that every decision
-- and every MIG's end date falls in exactly one report.
create table council_report (
  conference_id    varchar(100)  not null primary key,
  conference_name  varchar(200)  not null,
  conference_start date          not null,
  status           varchar(10)   not null,
  scheduled_at     timestamp with time zone not null,
  period_start     timestamp with time zone,
  period_end       timestamp with time zone,
  content          text,
  compiled_at      timestamp with time zone,
  chair_remarks    varchar(4000),
  published_at     timestamp with time zone,
  constraint council_report_status_known check (status in ('SCHEDULED', 'DRAFT', 'PUBLISHED')),
  constraint council_report_compiled check (status = 'SCHEDULED' or (period_end is not null and content is not null
    and compiled_at is not null)),
  constraint council_report_published check (status <> 'PUBLISHED' or published_at is not null)
);
create index council_report_published on council_report (status, period_end);
