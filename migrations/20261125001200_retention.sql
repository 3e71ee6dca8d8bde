-- Retention: idempotency keys and finished webhook deliveries are kept for a configurable time
-- (IDEMPOTENCY_KEY_RETENTION_SECONDS, WEBHOOK_DELIVERY_RETENTION_SECONDS) and swept by the housekeeping task.

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

CREATE INDEX webhook_deliveries_finished_idx ON webhook_deliveries (created_at) WHERE status <> 'PENDING';
