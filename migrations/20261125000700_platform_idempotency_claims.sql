-- An idempotency key is claimed (inserted without a response) before the work runs, so a concurrent repeat
-- waits on the claim instead of racing the first request; the response is filled in before commit.
ALTER TABLE idempotency_keys ALTER COLUMN response DROP NOT NULL;
