-- Step 12: conferences in the database (mig.conferences only seeds them), the meetings arranged
-- at them (the schedule), several staff liaisons per MIG, and the MIG's meeting needs and the
-- accommodation Conference Services noted.
create table conference (
  id          varchar(60)   not null primary key,
  name        varchar(200)  not null,
  start_date  date          not null,
  end_date    date,
  location    varchar(200),
  created_at  timestamp with time zone not null,
  constraint conference_dates_in_order check (end_date is null or end_date >= start_date)
);

create index conference_start on conference (start_date);

-- A MIG's meeting arranged by Conference Services (task arrangeMeetingSpace), one per task.
create table mig_meeting (
  task_id        varchar(64)   not null primary key,
  mig_id         varchar(100)  not null references mig (id) on delete cascade,
  conference_id  varchar(60)   not null references conference (id),
  meeting_start  timestamp with time zone not null,
  meeting_end    timestamp with time zone not null,
  room           varchar(200)  not null,
  created_at     timestamp with time zone not null,
  constraint mig_meeting_in_order check (meeting_end > meeting_start)
);

create index mig_meeting_conference on mig_meeting (conference_id, meeting_start);

-- The staff liaisons of a MIG, in order; the first is also kept in mig.staff_liaison_*.
create table mig_staff_liaison (
  mig_id   varchar(100)  not null references mig (id) on delete cascade,
  position integer       not null,
  name     varchar(200)  not null,
  email    varchar(254)  not null,
  primary key (mig_id, position)
);

insert into mig_staff_liaison (mig_id, position, name, email)
  select id, 0, staff_liaison_name, staff_liaison_email from mig
  where staff_liaison_name is not null and staff_liaison_email is not null;

alter table mig add column meeting_needs varchar(4000);
alter table mig add column accommodation varchar(4000);
