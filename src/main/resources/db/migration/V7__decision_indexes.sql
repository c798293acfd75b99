-- Step 7: indexes on coo_decision's foreign keys. Recording a decision first checks whether the
-- petition's decision is stored already (petition_id), and a MIG's page lists its decisions
-- (mig_id): without them each was a scan of every decision ever recorded.
create index coo_decision_petition on coo_decision (petition_id);
create index coo_decision_mig on coo_decision (mig_id, decided_at);
