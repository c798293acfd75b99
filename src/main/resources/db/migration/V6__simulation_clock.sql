-- The simulation profile's clock, shared by every node on this database: the simulated now is
-- the real time plus offset_millis. A move writes a larger offset and a higher version; each
-- node applies a newer version to its engine clock (simulation package). One row, written only
-- under the simulation profile; outside it the row stays at offset 0 and is never read.
create table simulation_clock (
  id            integer     not null primary key,
  offset_millis bigint      not null,
  version       bigint      not null,
  moved_by      varchar(100),
  constraint simulation_clock_one_row check (id = 1)
);

insert into simulation_clock (id, offset_millis, version) values (1, 0, 0);
