-- Step 9: at most one open petition per MIG, kept by the database: two submissions at the same
-- moment (two re-petitions of one MIG, two petitions for one new name) cannot both open one.
-- A row lives from the petition's submission to its decision (PetitionRepository.open/close).
create table open_petition (
  mig_id      varchar(100) not null primary key,
  petition_id varchar(40)  not null references petition (id)
);

insert into open_petition (mig_id, petition_id)
  select mig_id, min(id) from petition where status = 'OPEN' group by mig_id;
