//! Inventory: warehouses, movements, no oversell under concurrency, the ledger invariant, idempotency keys,
//! low-stock crossings and live stock over Kafka.

use std::{sync::Arc, time::Duration};

use futures::future::join_all;
use klang::platform::auth::Role;
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, error_paths, spawn_app, ws::Socket};

const PASSWORD: &str = "Test-password-2026";
const MOVE: &str = "{ movement { id movementType quantity onHandAfter reservedAfter } level { onHand reserved available belowReorderPoint } }";

pub struct Stock {
    pub app: TestApp,
    pub manager: String,
    pub product: String,
    pub warehouse: String,
}

pub async fn stock() -> Stock {
    let app = spawn_app().await;
    let manager = app
        .sign_in(&app.create_user(Role::Manager).await, PASSWORD)
        .await
        .access_token;
    let product = app
        .gql(
            Some(&manager),
            "mutation { createProduct(input: {sku: \"RICE-5KG\", nameTh: \"ข้าวหอมมะลิ 5 กก.\", unit: \"ถุง\", price: \"189\"}) { id } }",
            json!({}),
        )
        .await["data"]["createProduct"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let warehouse = create_warehouse(&app, &manager, "BKK-BANGNA", "คลังบางนา").await;
    Stock {
        app,
        manager,
        product,
        warehouse,
    }
}

pub async fn create_warehouse(app: &TestApp, token: &str, code: &str, name: &str) -> String {
    let response = app
        .gql(
            Some(token),
            "mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id code } }",
            json!({"input": {"code": code, "nameTh": name}}),
        )
        .await;
    response["data"]["createWarehouse"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{response}"))
        .to_owned()
}

impl Stock {
    pub async fn movement(&self, token: &str, mutation: &str, extra: Value) -> Value {
        let mut input = json!({"productId": self.product, "warehouseId": self.warehouse});
        for (key, value) in extra.as_object().unwrap() {
            input[key] = value.clone();
        }
        let input_type = if mutation == "adjustStock" {
            "AdjustStockInput"
        } else {
            "MoveStockInput"
        };
        let query =
            format!("mutation($input: {input_type}!) {{ {mutation}(input: $input) {MOVE} }}");
        self.app
            .gql(Some(token), &query, json!({"input": input}))
            .await
    }

    pub async fn ok(&self, mutation: &str, extra: Value) -> Value {
        let response = self.movement(&self.manager, mutation, extra).await;
        let payload = response["data"][mutation].clone();
        assert!(payload.is_object(), "{mutation}: {response}");
        payload
    }
}

#[tokio::test]
async fn receive_issue_reserve_release_and_adjust_keep_the_level_right() {
    let s = stock().await;
    let received = s
        .ok(
            "receiveStock",
            json!({"quantity": 100, "referenceType": "PURCHASE_ORDER", "referenceId": "PO-1"}),
        )
        .await;
    assert_eq!(
        received["level"],
        json!({"onHand": 100, "reserved": 0, "available": 100, "belowReorderPoint": false})
    );
    s.ok("reserveStock", json!({"quantity": 30})).await;
    let issued = s.ok("issueStock", json!({"quantity": 60})).await;
    assert_eq!(issued["level"]["available"], 10);
    let too_much = s
        .movement(&s.manager, "issueStock", json!({"quantity": 11}))
        .await;
    assert_eq!(
        error_code(&too_much).as_deref(),
        Some("INSUFFICIENT_STOCK"),
        "{too_much}"
    );
    assert!(
        too_much["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("10 available")
    );
    let over_release = s
        .movement(&s.manager, "releaseStock", json!({"quantity": 31}))
        .await;
    assert_eq!(
        error_code(&over_release).as_deref(),
        Some("INSUFFICIENT_STOCK")
    );
    s.ok("releaseStock", json!({"quantity": 30})).await;
    let below_reserved = s.ok("reserveStock", json!({"quantity": 40})).await;
    assert_eq!(below_reserved["level"]["available"], 0);
    let adjust_down = s
        .movement(
            &s.manager,
            "adjustStock",
            json!({"quantityChange": -1, "reason": "สินค้าเสียหาย"}),
        )
        .await;
    assert_eq!(
        error_code(&adjust_down).as_deref(),
        Some("INSUFFICIENT_STOCK"),
        "cannot go below reserved"
    );
    let adjusted = s
        .ok(
            "adjustStock",
            json!({"quantityChange": 5, "reason": "พบสินค้าเพิ่ม"}),
        )
        .await;
    assert_eq!(
        adjusted["level"],
        json!({"onHand": 45, "reserved": 40, "available": 5, "belowReorderPoint": false})
    );
    assert_eq!(adjusted["movement"]["movementType"], "ADJUST");

    let ledger = s
        .app
        .gql(
            Some(&s.manager),
            "query($p: UUID) { stockMovements(filter: {productId: $p}) { edges { node { movementType quantity actor { email } product { sku } warehouse { code } } } } }",
            json!({"p": s.product}),
        )
        .await;
    let types: Vec<&str> = ledger["data"]["stockMovements"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["movementType"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "ADJUST", "RESERVE", "RELEASE", "ISSUE", "RESERVE", "RECEIVE"
        ]
    );
    assert_eq!(
        ledger["data"]["stockMovements"]["edges"][0]["node"]["warehouse"]["code"],
        "BKK-BANGNA"
    );

    let product = s
        .app
        .gql(Some(&s.manager), "query($id: UUID!) { product(id: $id) { totalAvailable stockLevels { onHand warehouse { code } } } }", json!({"id": s.product}))
        .await;
    assert_eq!(product["data"]["product"]["totalAvailable"], 5);
    assert_eq!(
        product["data"]["product"]["stockLevels"][0]["warehouse"]["code"],
        "BKK-BANGNA"
    );
}

#[tokio::test]
async fn bad_movements_are_refused_with_typed_errors() {
    let s = stock().await;
    let negative = s
        .movement(&s.manager, "receiveStock", json!({"quantity": -5}))
        .await;
    assert_eq!(error_paths(&negative), ["input.quantity"]);
    let no_reason = s
        .movement(
            &s.manager,
            "adjustStock",
            json!({"quantityChange": 1, "reason": ""}),
        )
        .await;
    assert_eq!(error_paths(&no_reason), ["input.reason"]);
    let zero = s
        .movement(
            &s.manager,
            "adjustStock",
            json!({"quantityChange": 0, "reason": "x"}),
        )
        .await;
    assert_eq!(error_paths(&zero), ["input.quantityChange"]);
    let unknown = s
        .app
        .gql(
            Some(&s.manager),
            &format!("mutation($input: MoveStockInput!) {{ receiveStock(input: $input) {MOVE} }}"),
            json!({"input": {"productId": uuid::Uuid::now_v7(), "warehouseId": s.warehouse, "quantity": 1}}),
        )
        .await;
    assert_eq!(error_code(&unknown).as_deref(), Some("NOT_FOUND"));
    let duplicate = s
        .app
        .gql(
            Some(&s.manager),
            "mutation { createWarehouse(input: {code: \"bkk-bangna\", nameTh: \"ซ้ำ\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(
        error_code(&duplicate).as_deref(),
        Some("CONFLICT"),
        "{duplicate}"
    );
    s.app
        .gql(
            Some(&s.manager),
            "mutation($id: UUID!) { archiveProduct(input: {id: $id}) { id } }",
            json!({"id": s.product}),
        )
        .await;
    let archived = s
        .movement(&s.manager, "receiveStock", json!({"quantity": 1}))
        .await;
    assert_eq!(error_code(&archived).as_deref(), Some("CONFLICT"));
}

#[tokio::test]
async fn each_role_moves_only_what_it_may() {
    let s = stock().await;
    s.ok("receiveStock", json!({"quantity": 10})).await;
    let staff = s
        .app
        .sign_in(&s.app.create_user(Role::WarehouseStaff).await, PASSWORD)
        .await
        .access_token;
    let viewer = s
        .app
        .sign_in(&s.app.create_user(Role::Viewer).await, PASSWORD)
        .await
        .access_token;
    assert!(
        s.movement(&staff, "issueStock", json!({"quantity": 1}))
            .await["data"]["issueStock"]
            .is_object()
    );
    let staff_adjust = s
        .movement(
            &staff,
            "adjustStock",
            json!({"quantityChange": 1, "reason": "x"}),
        )
        .await;
    assert_eq!(error_code(&staff_adjust).as_deref(), Some("FORBIDDEN"));
    let viewer_issue = s
        .movement(&viewer, "issueStock", json!({"quantity": 1}))
        .await;
    assert_eq!(error_code(&viewer_issue).as_deref(), Some("FORBIDDEN"));
    let viewer_reads = s
        .app
        .gql(
            Some(&viewer),
            "{ stockLevels { edges { node { onHand } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        viewer_reads["data"]["stockLevels"]["edges"][0]["node"]["onHand"],
        9
    );
    let staff_warehouse = s
        .app
        .gql(
            Some(&staff),
            "mutation { createWarehouse(input: {code: \"CNX\", nameTh: \"เชียงใหม่\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&staff_warehouse).as_deref(), Some("FORBIDDEN"));
}

async fn concurrent(s: &Stock, mutation: &'static str, attempts: usize) -> (usize, usize) {
    let s = Arc::new((
        s.app.address.clone(),
        s.manager.clone(),
        s.product.clone(),
        s.warehouse.clone(),
    ));
    let client = reqwest::Client::new();
    let requests = (0..attempts).map(|_| {
        let s = s.clone();
        let client = client.clone();
        async move {
            let query = format!("mutation($input: MoveStockInput!) {{ {mutation}(input: $input) {{ level {{ available }} }} }}");
            let response: Value = client
                .post(format!("{}/graphql", s.0))
                .bearer_auth(&s.1)
                .json(&json!({"query": query, "variables": {"input": {"productId": s.2, "warehouseId": s.3, "quantity": 1}}}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            error_code(&response)
        }
    });
    let codes = join_all(requests).await;
    let succeeded = codes.iter().filter(|code| code.is_none()).count();
    let refused = codes
        .iter()
        .filter(|code| code.as_deref() == Some("INSUFFICIENT_STOCK"))
        .count();
    (succeeded, refused)
}

pub async fn assert_ledger_matches_levels(app: &TestApp) {
    let mut db = app.db().await;
    let mismatches: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM stock_levels l
         LEFT JOIN (SELECT product_id, warehouse_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved
                    FROM stock_movements GROUP BY product_id, warehouse_id) m USING (product_id, warehouse_id)
         WHERE l.on_hand <> COALESCE(m.on_hand, 0) OR l.reserved <> COALESCE(m.reserved, 0)
            OR l.on_hand < 0 OR l.reserved < 0 OR l.reserved > l.on_hand",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert_eq!(mismatches, 0, "every level equals the sum of its ledger");
}

#[tokio::test]
async fn two_hundred_concurrent_issues_of_one_hundred_never_oversell() {
    let s = stock().await;
    s.ok("receiveStock", json!({"quantity": 100})).await;
    let (succeeded, refused) = concurrent(&s, "issueStock", 200).await;
    assert_eq!((succeeded, refused), (100, 100));
    let level = s
        .app
        .gql(
            Some(&s.manager),
            "{ stockLevels { edges { node { onHand available } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        level["data"]["stockLevels"]["edges"][0]["node"],
        json!({"onHand": 0, "available": 0})
    );
    assert_ledger_matches_levels(&s.app).await;
}

#[tokio::test]
async fn two_hundred_concurrent_reservations_of_one_hundred_never_overbook() {
    let s = stock().await;
    s.ok("receiveStock", json!({"quantity": 100})).await;
    let (succeeded, refused) = concurrent(&s, "reserveStock", 200).await;
    assert_eq!((succeeded, refused), (100, 100));
    assert_ledger_matches_levels(&s.app).await;
}

#[tokio::test]
async fn the_ledger_equals_the_levels_after_a_random_concurrent_workload() {
    let s = stock().await;
    let second_warehouse = create_warehouse(&s.app, &s.manager, "CBI", "คลังชลบุรี").await;
    s.ok("receiveStock", json!({"quantity": 50})).await;
    let client = reqwest::Client::new();
    let operations = (0..150u64).map(|index| {
        // A fixed pseudo-random mix (reproducible): kind, warehouse and quantity from the index.
        let mixed = index.wrapping_mul(2_654_435_761) % 1_000;
        let (mutation, input_type) = match mixed % 5 {
            0 => ("receiveStock", "MoveStockInput"),
            1 => ("issueStock", "MoveStockInput"),
            2 => ("reserveStock", "MoveStockInput"),
            3 => ("releaseStock", "MoveStockInput"),
            _ => ("adjustStock", "AdjustStockInput"),
        };
        let warehouse = if mixed % 2 == 0 { &s.warehouse } else { &second_warehouse };
        let quantity = (mixed % 7 + 1) as i64;
        let mut input = json!({"productId": s.product, "warehouseId": warehouse});
        if mutation == "adjustStock" {
            input["quantityChange"] = json!(if mixed % 3 == 0 { -quantity } else { quantity });
            input["reason"] = json!("ตรวจนับ");
        } else {
            input["quantity"] = json!(quantity);
        }
        let query = format!("mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ movement {{ id }} }} }}");
        let request = client
            .post(format!("{}/graphql", s.app.address))
            .bearer_auth(&s.manager)
            .json(&json!({"query": query, "variables": {"input": input}}));
        async move {
            let response: Value = request.send().await.unwrap().json().await.unwrap();
            let code = error_code(&response);
            assert!(code.is_none() || code.as_deref() == Some("INSUFFICIENT_STOCK"), "{response}");
        }
    });
    join_all(operations).await;
    assert_ledger_matches_levels(&s.app).await;
}

#[tokio::test]
async fn an_idempotency_key_applies_a_movement_once() {
    let s = stock().await;
    let first = s
        .ok(
            "receiveStock",
            json!({"quantity": 7, "idempotencyKey": "po-2026-0001"}),
        )
        .await;
    let again = s
        .ok(
            "receiveStock",
            json!({"quantity": 7, "idempotencyKey": "po-2026-0001"}),
        )
        .await;
    assert_eq!(first["movement"]["id"], again["movement"]["id"]);
    assert_eq!(again["level"]["onHand"], 7);
    let different = s
        .movement(
            &s.manager,
            "receiveStock",
            json!({"quantity": 8, "idempotencyKey": "po-2026-0001"}),
        )
        .await;
    assert_eq!(error_code(&different).as_deref(), Some("CONFLICT"));

    let client = reqwest::Client::new();
    let query = format!("mutation($input: MoveStockInput!) {{ issueStock(input: $input) {MOVE} }}");
    // The first of the ten repeats leaves exactly nothing to issue: the others must still get its result.
    let body = json!({"query": query, "variables": {"input": {"productId": s.product, "warehouseId": s.warehouse, "quantity": 7, "idempotencyKey": "so-2026-0042"}}});
    let responses = join_all((0..10).map(|_| {
        client
            .post(format!("{}/graphql", s.app.address))
            .bearer_auth(&s.manager)
            .json(&body)
            .send()
    }))
    .await;
    let mut ids = Vec::new();
    for response in responses {
        let value: Value = response.unwrap().json().await.unwrap();
        ids.push(value["data"]["issueStock"]["movement"]["id"].clone());
    }
    ids.dedup();
    assert_eq!(
        ids.len(),
        1,
        "ten concurrent repeats, one movement: {ids:?}"
    );
    let level = s
        .app
        .gql(
            Some(&s.manager),
            "{ stockLevels { edges { node { onHand } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        level["data"]["stockLevels"]["edges"][0]["node"]["onHand"],
        0
    );
}

#[tokio::test]
async fn a_reorder_setting_with_an_idempotency_key_applies_once() {
    let s = stock().await;
    let set = |point: i64| {
        s.app.gql(
            Some(&s.manager),
            "mutation($input: SetReorderPointInput!) { setReorderPoint(input: $input) { reorderPoint reorderQuantity } }",
            json!({"input": {"productId": s.product, "warehouseId": s.warehouse, "reorderPoint": point,
                             "reorderQuantity": 40, "idempotencyKey": "reorder-bangna-rice"}}),
        )
    };
    let first = set(12).await;
    assert_eq!(
        first["data"]["setReorderPoint"]["reorderPoint"], 12,
        "{first}"
    );
    let again = set(12).await;
    assert_eq!(again["data"], first["data"]);
    let different = set(20).await;
    assert_eq!(
        error_code(&different).as_deref(),
        Some("CONFLICT"),
        "{different}"
    );
    let mut db = s.app.db().await;
    let recorded: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'setReorderPoint' AND outcome = 'SUCCESS'",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert_eq!(
        recorded, 1,
        "the repeat is answered from the key, not applied again"
    );
}

#[tokio::test]
async fn low_stock_is_announced_once_per_crossing() {
    let s = stock().await;
    s.ok("receiveStock", json!({"quantity": 15})).await;
    let reorder = s
        .app
        .gql(
            Some(&s.manager),
            "mutation($input: SetReorderPointInput!) { setReorderPoint(input: $input) { reorderPoint belowReorderPoint } }",
            json!({"input": {"productId": s.product, "warehouseId": s.warehouse, "reorderPoint": 10, "reorderQuantity": 50}}),
        )
        .await;
    assert_eq!(
        reorder["data"]["setReorderPoint"]["belowReorderPoint"], false,
        "{reorder}"
    );
    let mut socket = Socket::open(s.app.port, &s.manager).await;
    socket
        .subscribe(
            "low",
            "subscription($w: UUID) { lowStock(warehouseId: $w) { level { available } } }",
            json!({"w": s.warehouse}),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    for (quantity, below) in [(3, false), (3, true), (2, true)] {
        let issued = s.ok("issueStock", json!({"quantity": quantity})).await;
        assert_eq!(issued["level"]["belowReorderPoint"], below);
    }
    let alert = socket.next_data("low", Duration::from_secs(20)).await;
    assert_eq!(alert["data"]["lowStock"]["level"]["available"], 9);
    s.ok("receiveStock", json!({"quantity": 10})).await;
    s.ok("issueStock", json!({"quantity": 8})).await;
    let second = socket.next_data("low", Duration::from_secs(20)).await;
    assert_eq!(second["data"]["lowStock"]["level"]["available"], 9);
    let mut db = s.app.db().await;
    let crossings: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox_events WHERE event_type = 'klang.inventory.low_stock.v1'",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert_eq!(crossings, 2);
}

#[tokio::test]
async fn stock_changes_reach_a_subscriber_on_another_instance_filtered_by_warehouse() {
    let s = stock().await;
    let other = s.app.second_instance().await;
    let elsewhere = create_warehouse(&s.app, &s.manager, "CNX", "คลังเชียงใหม่").await;
    let mut socket = Socket::open(other.port, &s.manager).await;
    socket
        .subscribe(
            "live",
            "subscription($w: UUID) { stockChanged(warehouseId: $w) { movement { movementType quantity } level { onHand } } }",
            json!({"w": s.warehouse}),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut input = json!({"productId": s.product, "warehouseId": elsewhere, "quantity": 4});
    s.app
        .gql(
            Some(&s.manager),
            &format!("mutation($input: MoveStockInput!) {{ receiveStock(input: $input) {MOVE} }}"),
            json!({"input": input}),
        )
        .await;
    input["warehouseId"] = json!(s.warehouse);
    input["quantity"] = json!(6);
    s.app
        .gql(
            Some(&s.manager),
            &format!("mutation($input: MoveStockInput!) {{ receiveStock(input: $input) {MOVE} }}"),
            json!({"input": input}),
        )
        .await;
    let change = socket.next_data("live", Duration::from_secs(20)).await;
    assert_eq!(
        change["data"]["stockChanged"]["movement"],
        json!({"movementType": "RECEIVE", "quantity": 6})
    );
    assert_eq!(change["data"]["stockChanged"]["level"]["onHand"], 6);
}

#[tokio::test]
async fn the_ledger_refuses_changes() {
    let s = stock().await;
    s.ok("receiveStock", json!({"quantity": 1})).await;
    let mut db = s.app.db().await;
    for statement in [
        "UPDATE stock_movements SET quantity = 99",
        "DELETE FROM stock_movements",
    ] {
        let error = sqlx::query(statement).execute(&mut db).await.unwrap_err();
        assert!(error.to_string().contains("append-only"), "{error}");
    }
}
