-- The registry of Membership Initiative Groups (the Handbook of Organization listing).
-- A MIG's id is a stable slug of its name, so two MIGs cannot share a name.
create table mig (
  id                   varchar(100)  not null primary key,
  name                 varchar(200)  not null,
  status               varchar(20)   not null,
  statement_of_purpose varchar(4000) not null,
  term_start           date,
  term_end             date,
  staff_liaison_name   varchar(200),
  staff_liaison_email  varchar(254),
  disband_reason       varchar(20),
  created_at           timestamp with time zone not null,
  updated_at           timestamp with time zone not null,
  constraint mig_status_known check (status in
    ('PETITIONED', 'ACTIVE', 'RENEWAL_PENDING', 'DISBANDED', 'TRANSITIONED', 'NOT_ESTABLISHED'))
);

create index mig_status on mig (status);

-- The designated organizers of a MIG, in the order the petition named them.
create table mig_organizer (
  mig_id   varchar(100)  not null references mig (id) on delete cascade,
  position integer       not null,
  name     varchar(200)  not null,
  email    varchar(254)  not null,
  address  varchar(1000) not null,
  primary key (mig_id, position)
);
