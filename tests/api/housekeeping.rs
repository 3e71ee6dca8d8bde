//! Housekeeping: idempotency keys and finished webhook deliveries past their retention are swept; fresh ones,
//! and pending deliveries of any age, stay.

use std::time::Duration;

use klang::housekeeping::{Retention, sweep};

use crate::helpers::spawn_app;

const DAY: Duration = Duration::from_secs(86_400);

#[tokio::test]
async fn records_past_their_retention_are_swept_and_the_rest_stay() {
    let app = spawn_app().await;
    let mut db = app.db().await;
    sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, response, created_at) VALUES
             ('receiveStock:test', 'old-key-0001', 'f', '{}', now() - interval '8 days'),
             ('receiveStock:test', 'new-key-0001', 'f', '{}', now() - interval '6 days')",
    )
    .execute(&mut db)
    .await
    .unwrap();
    sqlx::query(
        "WITH hook AS (
             INSERT INTO webhook_subscriptions (id, name, url, event_types, secret)
             VALUES (gen_random_uuid(), 'n8n', 'http://127.0.0.1:9/hook', '{klang.inventory.*}', 's')
             RETURNING id)
         INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, payload, status, created_at)
         SELECT hook.id, gen_random_uuid(), 'klang.inventory.stock_changed.v1', '{}', status, now() - age
         FROM hook, (VALUES ('DELIVERED', interval '31 days'), ('FAILED', interval '31 days'),
                            ('PENDING', interval '31 days'), ('DELIVERED', interval '29 days')) AS rows (status, age)",
    )
    .execute(&mut db)
    .await
    .unwrap();

    let retention = Retention {
        events: 7 * DAY,
        idempotency_keys: 7 * DAY,
        webhook_deliveries: 30 * DAY,
    };
    let swept = sweep(&app.state.pool, retention).await.unwrap();
    assert_eq!((swept.idempotency_keys, swept.webhook_deliveries), (1, 2));

    let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM idempotency_keys ORDER BY key")
        .fetch_all(&mut db)
        .await
        .unwrap();
    assert_eq!(keys, ["new-key-0001"]);
    let left: Vec<String> = sqlx::query_scalar(
        "SELECT status || ' ' || extract(day FROM now() - created_at)::int FROM webhook_deliveries ORDER BY 1",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    assert_eq!(left, ["DELIVERED 29", "PENDING 31"]);

    let again = sweep(&app.state.pool, retention).await.unwrap();
    assert_eq!((again.idempotency_keys, again.webhook_deliveries), (0, 0));
}
