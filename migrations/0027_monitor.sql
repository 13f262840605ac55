-- 自查: one row per day the self-monitoring ran (the first app server to
-- claim the day runs it; staff may run it again), with what it found as
-- JSON (`monitor::types::Finding`). Kept, so the monitoring team sees how
-- the findings went from day to day.
CREATE TABLE monitor_runs (
    day        TEXT   PRIMARY KEY,
    checked_at BIGINT NOT NULL,
    findings   TEXT   NOT NULL
);
