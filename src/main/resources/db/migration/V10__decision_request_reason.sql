-- Step 9: a decision on a MIG's own request (disband, transition) keeps the MIG's reason apart
-- from COO's rationale. Until now a disband decision stored the MIG's reason as its rationale,
-- prefixed "Requested by the MIG: ", where Council read it as COO's reason: it moves to
-- request_reason, and the rationale of those decisions is empty (COO gave none).
alter table coo_decision add column request_reason varchar(4000);

update coo_decision
   set request_reason = substring(rationale from 23), rationale = null
 where subject = 'DISBAND' and rationale like 'Requested by the MIG: %';
