//! Webhooks: a real HTTP receiver in the test records what the service POSTs. Stock movements reach it as
//! signed CloudEvents; event types filter; failures are retried with backoff, end FAILED and are replayed;
//! two instances deliver each event once; a hanging receiver delays no other; the secret stays out of the
//! usage history; input and permissions are checked.

use std::{
    collections::{BTreeSet, HashMap, VecDeque},
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use hmac::{Hmac, Mac};
use klang::platform::auth::Role;
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::Notify;

use crate::{
    helpers::{TestApp, TestConfig, error_code, error_paths, spawn_app_with},
    inventory::create_warehouse,
};

const PASSWORD: &str = "Test-password-2026";
const STOCK_CHANGED: &str = "klang.inventory.stock_changed.v1";
const CREATE: &str = "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id name url eventTypes isActive } } }";
const DELIVERIES: &str = "query($filter: WebhookDeliveryFilter) { webhookDeliveries(filter: $filter, first: 100) { edges { node { id webhookId eventId eventType status attempts lastStatusCode lastError deliveredAt payload } } } }";
/// How long a test waits for background work before it gives up.
const PATIENCE: Duration = Duration::from_secs(30);

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    headers: HashMap<String, String>,
    body: Vec<u8>,
    at: Instant,
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }
}

/// What the receiver answers.
#[derive(Default)]
struct Script {
    /// Statuses for the next requests, in order.
    next: VecDeque<u16>,
    /// The status after those (200 when unset).
    otherwise: Option<u16>,
    /// How long to wait before answering.
    delay: Duration,
}

#[derive(Default)]
struct ReceiverState {
    received: Mutex<Vec<Received>>,
    script: Mutex<Script>,
    arrived: Notify,
}

/// A small HTTP server on 127.0.0.1 that records every POST and answers as told.
struct Receiver {
    address: SocketAddr,
    state: Arc<ReceiverState>,
}

impl Receiver {
    async fn start() -> Self {
        let state = Arc::new(ReceiverState::default());
        let router = Router::new()
            .route("/hook", post(receive))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("receiver binds");
        let address = listener.local_addr().expect("receiver address");
        tokio::spawn(async move { axum::serve(listener, router).await });
        Self { address, state }
    }

    fn url(&self) -> String {
        format!("http://{}/hook", self.address)
    }

    fn answer(&self, next: &[u16], otherwise: u16) {
        let mut script = self.state.script.lock().unwrap();
        script.next = next.iter().copied().collect();
        script.otherwise = Some(otherwise);
    }

    fn delay(&self, delay: Duration) {
        self.state.script.lock().unwrap().delay = delay;
    }

    fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }

    /// Waits until at least `count` requests arrived.
    async fn wait_for(&self, count: usize) -> Vec<Received> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let arrived = self.state.arrived.notified();
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "expected {count} requests, got {}",
                received.len()
            );
            let _ = tokio::time::timeout(left, arrived).await;
        }
    }
}

async fn receive(
    State(state): State<Arc<ReceiverState>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let headers = headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    state.received.lock().unwrap().push(Received {
        headers,
        body: body.to_vec(),
        at: Instant::now(),
    });
    state.arrived.notify_waiters();
    let (status, delay) = {
        let mut script = state.script.lock().unwrap();
        let status = script.next.pop_front().or(script.otherwise).unwrap_or(200);
        (status, script.delay)
    };
    tokio::time::sleep(delay).await;
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}

/// Whether `header` is `t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under `secret`, computed here
/// independently of the service's code.
fn signature_verifies(secret: &str, header: &str, body: &[u8]) -> bool {
    let Some((t, v1)) = header
        .split_once(',')
        .and_then(|(t, v1)| Some((t.strip_prefix("t=")?, v1.strip_prefix("v1=")?)))
    else {
        return false;
    };
    let Ok(timestamp) = t.parse::<i64>() else {
        return false;
    };
    if (chrono::Utc::now().timestamp() - timestamp).abs() > 300 {
        return false;
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.").as_bytes());
    mac.update(body);
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    expected == v1
}

/// An app with fast webhook timing, and an administrator's token.
struct Ctx {
    app: TestApp,
    admin: String,
}

async fn setup(config: TestConfig) -> Ctx {
    let config = config
        .with("WEBHOOK_POLL_MS", 100)
        .with("WEBHOOK_RETRY_BASE_MS", 100);
    let app = spawn_app_with(config).await;
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await
        .access_token;
    Ctx { app, admin }
}

impl Ctx {
    async fn gql(&self, query: &str, variables: Value) -> Value {
        self.app.gql(Some(&self.admin), query, variables).await
    }

    async fn ok(&self, query: &str, variables: Value) -> Value {
        let response = self.gql(query, variables).await;
        assert!(response["errors"].is_null(), "{response}");
        response["data"].clone()
    }

    /// Registers a subscriber; returns its id and secret.
    async fn create_webhook(&self, url: &str, event_types: &[&str]) -> (String, String) {
        let data = self
            .ok(
                CREATE,
                json!({"input": {"name": "n8n ทดสอบ", "url": url, "eventTypes": event_types}}),
            )
            .await;
        let payload = &data["createWebhook"];
        (
            payload["webhook"]["id"].as_str().unwrap().to_owned(),
            payload["secret"].as_str().unwrap().to_owned(),
        )
    }

    /// Creates a product and a warehouse; returns their ids.
    async fn product_and_warehouse(&self) -> (String, String) {
        let data = self
            .ok(
                "mutation { createProduct(input: {sku: \"FISH-SAUCE\", nameTh: \"น้ำปลา\", unit: \"ขวด\", price: \"35\"}) { id } }",
                json!({}),
            )
            .await;
        let product = data["createProduct"]["id"].as_str().unwrap().to_owned();
        let warehouse = create_warehouse(&self.app, &self.admin, "BKK-WH", "คลังกรุงเทพ").await;
        (product, warehouse)
    }

    /// Receives stock; returns the movement id.
    async fn receive(&self, product: &str, warehouse: &str, quantity: i64) -> String {
        let data = self
            .ok(
                "mutation($input: MoveStockInput!) { receiveStock(input: $input) { movement { id } } }",
                json!({"input": {"productId": product, "warehouseId": warehouse, "quantity": quantity}}),
            )
            .await;
        data["receiveStock"]["movement"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn deliveries(&self, webhook: &str) -> Vec<Value> {
        let data = self
            .ok(DELIVERIES, json!({"filter": {"webhookId": webhook}}))
            .await;
        data["webhookDeliveries"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|edge| edge["node"].clone())
            .collect()
    }

    /// Waits until the subscriber has `count` deliveries, all in `status`.
    async fn wait_for_deliveries(&self, webhook: &str, count: usize, status: &str) -> Vec<Value> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let deliveries = self.deliveries(webhook).await;
            if deliveries.len() == count && deliveries.iter().all(|d| d["status"] == status) {
                return deliveries;
            }
            assert!(
                Instant::now() < deadline,
                "expected {count} {status} deliveries, got {deliveries:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Publishes the outbox now and waits until the fan-out has passed every numbered event.
    async fn fanned_out(&self) {
        self.app.publish_outbox().await;
        let mut db = self.app.db().await;
        let deadline = Instant::now() + PATIENCE;
        loop {
            let behind: bool = sqlx::query_scalar(
                "SELECT last_position < (SELECT coalesce(max(position), 0) FROM outbox_events)
                 FROM webhook_fanout_cursor",
            )
            .fetch_one(&mut db)
            .await
            .unwrap();
            if !behind {
                return;
            }
            assert!(Instant::now() < deadline, "the fan-out did not catch up");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

#[tokio::test]
async fn a_stock_movement_reaches_the_subscriber_as_a_signed_cloudevent() {
    let ctx = setup(TestConfig::default()).await;
    let receiver = Receiver::start().await;
    let (webhook, secret) = ctx.create_webhook(&receiver.url(), &[STOCK_CHANGED]).await;
    let (product, warehouse) = ctx.product_and_warehouse().await;
    let movement = ctx.receive(&product, &warehouse, 24).await;

    let request = receiver.wait_for(1).await.remove(0);
    let deliveries = ctx.wait_for_deliveries(&webhook, 1, "DELIVERED").await;
    let delivery = &deliveries[0];
    assert!(
        signature_verifies(&secret, request.header("klang-signature"), &request.body),
        "signature {:?} does not verify",
        request.header("klang-signature")
    );
    assert!(!signature_verifies(
        "another-secret",
        request.header("klang-signature"),
        &request.body
    ));
    assert_eq!(request.header("content-type"), "application/json");
    assert_eq!(request.header("klang-event-type"), STOCK_CHANGED);
    assert_eq!(request.header("klang-delivery-id"), delivery["id"]);

    let envelope = request.json();
    assert_eq!(envelope["specversion"], "1.0");
    assert_eq!(envelope["type"], STOCK_CHANGED);
    assert_eq!(envelope["source"], "/klang/inventory");
    assert_eq!(envelope["datacontenttype"], "application/json");
    assert!(
        envelope["klangposition"].as_i64().is_some_and(|p| p > 0),
        "{envelope}"
    );
    assert_eq!(envelope["data"]["movement"]["id"], movement, "{envelope}");
    assert_eq!(request.header("klang-event-id"), envelope["id"]);
    assert_eq!(delivery["eventId"], envelope["id"]);
    assert_eq!(delivery["payload"], envelope);
    assert_eq!(delivery["attempts"], 1);
    assert_eq!(delivery["lastStatusCode"], 200);

    // The same event, by id, as the outbox published it to Kafka and the live subscriptions.
    let mut db = ctx.app.db().await;
    let outbox: (uuid::Uuid, Value) =
        sqlx::query_as("SELECT id, payload FROM outbox_events WHERE event_type = $1")
            .bind(STOCK_CHANGED)
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(envelope["id"], outbox.0.to_string());
    assert_eq!(envelope["data"], outbox.1["data"]);
}

#[tokio::test]
async fn subscribers_get_only_the_event_types_they_asked_for() {
    let ctx = setup(TestConfig::default()).await;
    let receiver = Receiver::start().await;
    let (inventory, _) = ctx
        .create_webhook(&receiver.url(), &["klang.inventory.*"])
        .await;
    let (created, _) = ctx
        .create_webhook(&receiver.url(), &["klang.products.product_created.v1"])
        .await;
    let (product, warehouse) = ctx.product_and_warehouse().await;
    ctx.receive(&product, &warehouse, 5).await;
    ctx.fanned_out().await;

    let types = |deliveries: &[Value]| -> BTreeSet<String> {
        deliveries
            .iter()
            .map(|d| d["eventType"].as_str().unwrap().to_owned())
            .collect()
    };
    let inventory_deliveries = ctx.wait_for_deliveries(&inventory, 2, "DELIVERED").await;
    assert_eq!(
        types(&inventory_deliveries),
        BTreeSet::from([
            "klang.inventory.warehouse_changed.v1".to_owned(),
            STOCK_CHANGED.to_owned()
        ])
    );
    let product_deliveries = ctx.wait_for_deliveries(&created, 1, "DELIVERED").await;
    assert_eq!(
        types(&product_deliveries),
        BTreeSet::from(["klang.products.product_created.v1".to_owned()])
    );
    let received: Vec<String> = receiver
        .wait_for(3)
        .await
        .iter()
        .map(|request| request.header("klang-event-type").to_owned())
        .collect();
    assert_eq!(received.len(), 3, "{received:?}");
}

#[tokio::test]
async fn a_failing_receiver_is_retried_with_backoff_until_it_answers() {
    let ctx = setup(TestConfig::default()).await;
    let receiver = Receiver::start().await;
    receiver.answer(&[500, 500], 200);
    let (webhook, _) = ctx.create_webhook(&receiver.url(), &[STOCK_CHANGED]).await;
    let (product, warehouse) = ctx.product_and_warehouse().await;
    ctx.receive(&product, &warehouse, 3).await;

    let deliveries = ctx.wait_for_deliveries(&webhook, 1, "DELIVERED").await;
    assert_eq!(deliveries[0]["attempts"], 3);
    assert_eq!(deliveries[0]["lastStatusCode"], 200);
    assert!(deliveries[0]["lastError"].is_null());
    let requests = receiver.wait_for(3).await;
    assert_eq!(requests.len(), 3);
    let ids: BTreeSet<&str> = requests
        .iter()
        .map(|r| r.header("klang-delivery-id"))
        .collect();
    assert_eq!(ids.len(), 1, "one delivery, attempted three times");
    // Base 100 ms: the second attempt waits at least 100 ms, the third at least 200 ms.
    assert!(requests[1].at - requests[0].at >= Duration::from_millis(100));
    assert!(requests[2].at - requests[1].at >= Duration::from_millis(200));
}

#[tokio::test]
async fn a_dead_receiver_ends_failed_and_a_replay_delivers_once_it_is_fixed() {
    let ctx = setup(TestConfig::default().with("WEBHOOK_MAX_ATTEMPTS", 3)).await;
    let receiver = Receiver::start().await;
    receiver.answer(&[], 503);
    let (webhook, secret) = ctx.create_webhook(&receiver.url(), &[STOCK_CHANGED]).await;
    let (product, warehouse) = ctx.product_and_warehouse().await;
    ctx.receive(&product, &warehouse, 3).await;

    let failed = ctx.wait_for_deliveries(&webhook, 1, "FAILED").await;
    assert_eq!(failed[0]["attempts"], 3);
    assert_eq!(failed[0]["lastStatusCode"], 503);
    assert_eq!(failed[0]["lastError"], "HTTP 503");
    assert_eq!(receiver.received().len(), 3);

    receiver.answer(&[], 204);
    let replayed = ctx
        .ok(
            "mutation($id: UUID!) { replayWebhookDelivery(id: $id) { id status attempts } }",
            json!({"id": failed[0]["id"]}),
        )
        .await;
    assert_eq!(replayed["replayWebhookDelivery"]["status"], "PENDING");
    assert_eq!(replayed["replayWebhookDelivery"]["attempts"], 0);
    let delivered = ctx.wait_for_deliveries(&webhook, 1, "DELIVERED").await;
    assert_eq!(delivered[0]["attempts"], 1);
    assert_eq!(delivered[0]["lastStatusCode"], 204);
    let requests = receiver.wait_for(4).await;
    assert_eq!(requests.len(), 4);
    let last = &requests[3];
    assert_eq!(last.header("klang-event-id"), failed[0]["eventId"]);
    assert!(signature_verifies(
        &secret,
        last.header("klang-signature"),
        &last.body
    ));

    let unknown = ctx
        .gql(
            "mutation($id: UUID!) { replayWebhookDelivery(id: $id) { id } }",
            json!({"id": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(
        error_code(&unknown).as_deref(),
        Some("NOT_FOUND"),
        "{unknown}"
    );
}

#[tokio::test]
async fn a_hanging_receiver_delays_no_other_subscriber() {
    let ctx = setup(TestConfig::default().with("WEBHOOK_TIMEOUT_MS", 4000)).await;
    let hanging = Receiver::start().await;
    hanging.delay(Duration::from_secs(10));
    let healthy = Receiver::start().await;
    let (stuck, _) = ctx.create_webhook(&hanging.url(), &[STOCK_CHANGED]).await;
    let (fine, _) = ctx.create_webhook(&healthy.url(), &[STOCK_CHANGED]).await;
    let (product, warehouse) = ctx.product_and_warehouse().await;
    let started = Instant::now();
    ctx.receive(&product, &warehouse, 3).await;

    hanging.wait_for(1).await;
    ctx.wait_for_deliveries(&fine, 1, "DELIVERED").await;
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the healthy subscriber waited for the hanging one's timeout"
    );
    let stuck_deliveries = ctx.deliveries(&stuck).await;
    assert_eq!(stuck_deliveries[0]["status"], "PENDING");
    assert!(
        stuck_deliveries[0]["lastError"].is_null(),
        "{stuck_deliveries:?}"
    );
}

#[tokio::test]
async fn two_instances_deliver_each_event_exactly_once() {
    let ctx = setup(TestConfig::default()).await;
    let second = ctx.app.second_instance().await;
    let receiver = Receiver::start().await;
    let (webhook, _) = ctx.create_webhook(&receiver.url(), &[STOCK_CHANGED]).await;
    let (product, warehouse) = ctx.product_and_warehouse().await;
    let movements = 12;
    for round in 0..movements {
        let target = if round % 2 == 0 { &ctx.app } else { &second };
        let response = target
            .gql(
                Some(&ctx.admin),
                "mutation($input: MoveStockInput!) { receiveStock(input: $input) { movement { id } } }",
                json!({"input": {"productId": product, "warehouseId": warehouse, "quantity": 1}}),
            )
            .await;
        assert!(response["errors"].is_null(), "{response}");
    }

    ctx.wait_for_deliveries(&webhook, movements, "DELIVERED")
        .await;
    let requests = receiver.wait_for(movements).await;
    ctx.fanned_out().await;
    // Anything sent twice would have arrived by now: both instances were polling every 100 ms.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let requests_after = receiver.received();
    assert_eq!(requests_after.len(), requests.len());
    let events: BTreeSet<&str> = requests_after
        .iter()
        .map(|r| r.header("klang-event-id"))
        .collect();
    assert_eq!(events.len(), movements, "each event once");
    assert_eq!(requests_after.len(), movements, "no event twice");
    let deliveries = ctx.deliveries(&webhook).await;
    assert!(
        deliveries.iter().all(|d| d["attempts"] == 1),
        "{deliveries:?}"
    );
}

#[tokio::test]
async fn bad_input_is_refused_at_its_field() {
    let ctx = setup(TestConfig::default()).await;
    let cases = [
        (
            json!({"name": "n8n", "url": "ftp://n8n.local/hook", "eventTypes": [STOCK_CHANGED]}),
            "input.url",
        ),
        (
            json!({"name": "n8n", "url": "/webhook/abc", "eventTypes": [STOCK_CHANGED]}),
            "input.url",
        ),
        (
            json!({"name": "n8n", "url": format!("https://n8n.local/{}", "a".repeat(2000)), "eventTypes": [STOCK_CHANGED]}),
            "input.url",
        ),
        (
            json!({"name": "n8n", "url": "https://n8n.local/hook", "eventTypes": []}),
            "input.eventTypes",
        ),
        (
            json!({"name": "n8n", "url": "https://n8n.local/hook", "eventTypes": ["klang.inventory.*", "klang.nothing.happened.v1"]}),
            "input.eventTypes.1",
        ),
        (
            json!({"name": "  ", "url": "https://n8n.local/hook", "eventTypes": ["*"]}),
            "input.name",
        ),
    ];
    for (input, path) in cases {
        let response = ctx.gql(CREATE, json!({"input": input})).await;
        assert_eq!(
            error_code(&response).as_deref(),
            Some("BAD_USER_INPUT"),
            "{response}"
        );
        assert_eq!(error_paths(&response), vec![path], "{response}");
    }
    let update = "mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { id } }";
    let unknown = ctx
        .gql(
            update,
            json!({"input": {"id": uuid::Uuid::now_v7(), "isActive": false}}),
        )
        .await;
    assert_eq!(
        error_code(&unknown).as_deref(),
        Some("NOT_FOUND"),
        "{unknown}"
    );
    let (id, _) = ctx.create_webhook("https://n8n.local/hook", &["*"]).await;
    let bad_url = ctx
        .gql(update, json!({"input": {"id": id, "url": "mailto:a@b.co"}}))
        .await;
    assert_eq!(error_paths(&bad_url), vec!["input.url"], "{bad_url}");
    let webhooks = ctx
        .ok("{ webhooks { id url eventTypes } }", json!({}))
        .await;
    assert_eq!(webhooks["webhooks"][0]["url"], "https://n8n.local/hook");
}

#[tokio::test]
async fn only_administrators_manage_webhooks() {
    let ctx = setup(TestConfig::default()).await;
    let manager = ctx
        .app
        .sign_in(&ctx.app.create_user(Role::Manager).await, PASSWORD)
        .await
        .access_token;
    let create = ctx
        .app
        .gql(
            Some(&manager),
            CREATE,
            json!({"input": {"name": "x", "url": "https://n8n.local/hook", "eventTypes": ["*"]}}),
        )
        .await;
    assert_eq!(
        error_code(&create).as_deref(),
        Some("FORBIDDEN"),
        "{create}"
    );
    let list = ctx
        .app
        .gql(Some(&manager), "{ webhooks { id } }", json!({}))
        .await;
    assert_eq!(error_code(&list).as_deref(), Some("FORBIDDEN"), "{list}");
    let deliveries = ctx.app.gql(Some(&manager), DELIVERIES, json!({})).await;
    assert_eq!(
        error_code(&deliveries).as_deref(),
        Some("FORBIDDEN"),
        "{deliveries}"
    );
    let anonymous = ctx.app.gql(None, "{ webhooks { id } }", json!({})).await;
    assert_eq!(
        error_code(&anonymous).as_deref(),
        Some("UNAUTHENTICATED"),
        "{anonymous}"
    );
}

#[tokio::test]
async fn changes_are_in_the_usage_history_without_the_secret() {
    let ctx = setup(TestConfig::default()).await;
    let (id, first_secret) = ctx
        .create_webhook("https://n8n.local/webhook/stock", &["klang.inventory.*"])
        .await;
    let updated = ctx
        .ok(
            "mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { name isActive eventTypes } }",
            json!({"input": {"id": id, "name": "n8n ปิดชั่วคราว", "isActive": false, "eventTypes": [STOCK_CHANGED]}}),
        )
        .await;
    assert_eq!(updated["updateWebhook"]["isActive"], false);
    assert_eq!(
        updated["updateWebhook"]["eventTypes"],
        json!([STOCK_CHANGED])
    );
    let rotated = ctx
        .ok(
            "mutation($id: UUID!) { rotateWebhookSecret(id: $id) { secret webhook { id } } }",
            json!({"id": id}),
        )
        .await;
    let second_secret = rotated["rotateWebhookSecret"]["secret"].as_str().unwrap();
    assert_eq!(second_secret.len(), 64);
    assert_ne!(second_secret, first_secret);

    let mut db = ctx.app.db().await;
    let records: Vec<(String, Option<Value>, Option<Value>)> = sqlx::query_as(
        "SELECT action, before_state, after_state FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at",
    )
    .bind(&id)
    .fetch_all(&mut db)
    .await
    .unwrap();
    let actions: Vec<&str> = records.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        actions,
        ["createWebhook", "updateWebhook", "rotateWebhookSecret"]
    );
    assert_eq!(records[1].1.as_ref().unwrap()["isActive"], true);
    assert_eq!(records[1].2.as_ref().unwrap()["isActive"], false);
    let everything: String =
        sqlx::query_scalar("SELECT coalesce(string_agg(audit_log::text, ''), '') FROM audit_log")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert!(!everything.contains(first_secret.as_str()));
    assert!(!everything.contains(second_secret));
    let stored: String =
        sqlx::query_scalar("SELECT secret FROM webhook_subscriptions WHERE id = $1::uuid")
            .bind(&id)
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(stored, second_secret);
}
