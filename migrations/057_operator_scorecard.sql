-- The operator scorecard (GET /api/v1/operator/scorecard) reads one operator's declarations in a
-- window of declaration dates, and its intake calls in the same window: without these indexes
-- each request scanned every declaration (or every submission) of every operator.
-- 057: 056 is taken by a parallel change.
CREATE INDEX declarations_operator_declared ON declarations (operator_id, declared_at);
CREATE INDEX submissions_operator_received ON submissions (operator_id, received_at);
