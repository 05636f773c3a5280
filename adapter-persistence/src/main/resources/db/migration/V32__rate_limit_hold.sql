-- A run refused by its provider's rate limit for longer than a run waits (a daily quota) records
-- when the limit resets; the scheduler does not dispatch the connection before it (issue 25).
ALTER TABLE connections ADD COLUMN last_outcome_not_before TIMESTAMP WITH TIME ZONE;
