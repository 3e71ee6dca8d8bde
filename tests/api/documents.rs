//! Transfers between warehouses and cycle counts.

use klang::platform::auth::Role;
use serde_json::{Value, json};

use crate::{
    helpers::{error_code, error_paths},
    inventory::{assert_ledger_matches_levels, create_warehouse, stock},
};

const TRANSFER: &str = "{ id status lines { quantitySent quantityReceived quantityOutstanding product { sku } } fromWarehouse { code } toWarehouse { code } }";
const COUNT: &str = "{ id status lines { countedQuantity expectedQuantity variance product { sku } } warehouse { code } }";

async fn level(s: &crate::inventory::Stock, warehouse: &str) -> Value {
    let response = s
        .app
        .gql(
            Some(&s.manager),
            "query($w: UUID) { stockLevels(filter: {warehouseId: $w}) { edges { node { onHand reserved } } } }",
            json!({"w": warehouse}),
        )
        .await;
    response["data"]["stockLevels"]["edges"][0]["node"].clone()
}

#[tokio::test]
async fn a_transfer_travels_in_transit_and_arrives_in_parts() {
    let s = stock().await;
    let chonburi = create_warehouse(&s.app, &s.manager, "CBI", "คลังชลบุรี").await;
    s.ok("receiveStock", json!({"quantity": 100})).await;
    let staff = s
        .app
        .sign_in(
            &s.app.create_user(Role::WarehouseStaff).await,
            "Test-password-2026",
        )
        .await
        .access_token;
    let send = |quantity: i64, to: &str| json!({"input": {"fromWarehouseId": s.warehouse, "toWarehouseId": to, "lines": [{"productId": s.product, "quantity": quantity}]}});
    let mutation = format!(
        "mutation($input: TransferStockInput!) {{ transferStock(input: $input) {TRANSFER} }}"
    );
    let too_much = s
        .app
        .gql(Some(&staff), &mutation, send(101, &chonburi))
        .await;
    assert_eq!(error_code(&too_much).as_deref(), Some("INSUFFICIENT_STOCK"));
    let same_place = s
        .app
        .gql(Some(&staff), &mutation, send(1, &s.warehouse))
        .await;
    assert_eq!(error_paths(&same_place), ["input.toWarehouseId"]);
    let nowhere = s
        .app
        .gql(
            Some(&staff),
            &mutation,
            send(1, &uuid::Uuid::now_v7().to_string()),
        )
        .await;
    assert_eq!(
        error_code(&nowhere).as_deref(),
        Some("NOT_FOUND"),
        "{nowhere}"
    );
    let bad_line = s.app.gql(Some(&staff), &mutation, send(0, &chonburi)).await;
    assert_eq!(error_paths(&bad_line), ["input.lines.0.quantity"]);
    let twice = json!({"input": {"fromWarehouseId": s.warehouse, "toWarehouseId": chonburi, "lines": [
        {"productId": s.product, "quantity": 1}, {"productId": s.product, "quantity": 2}]}});
    let twice = s.app.gql(Some(&staff), &mutation, twice).await;
    assert_eq!(error_paths(&twice), ["input.lines.1.productId"], "{twice}");

    let sent = s
        .app
        .gql(Some(&staff), &mutation, send(30, &chonburi))
        .await;
    let transfer = &sent["data"]["transferStock"];
    assert_eq!(transfer["status"], "IN_TRANSIT", "{sent}");
    assert_eq!(transfer["lines"][0]["quantityOutstanding"], 30);
    assert_eq!(transfer["toWarehouse"]["code"], "CBI");
    assert_eq!(level(&s, &s.warehouse).await["onHand"], 70);

    let receive = format!(
        "mutation($input: ReceiveTransferInput!) {{ receiveTransfer(input: $input) {TRANSFER} }}"
    );
    let part = |quantity: i64| json!({"input": {"transferId": transfer["id"], "lines": [{"productId": s.product, "quantity": quantity}]}});
    let first = s.app.gql(Some(&staff), &receive, part(10)).await;
    assert_eq!(
        first["data"]["receiveTransfer"]["status"], "PARTIALLY_RECEIVED",
        "{first}"
    );
    assert_eq!(level(&s, &chonburi).await["onHand"], 10);
    let over = s.app.gql(Some(&staff), &receive, part(21)).await;
    assert_eq!(error_paths(&over), ["input.lines.0.quantity"]);
    let rest = s.app.gql(Some(&staff), &receive, part(20)).await;
    assert_eq!(rest["data"]["receiveTransfer"]["status"], "RECEIVED");
    assert_eq!(
        rest["data"]["receiveTransfer"]["lines"][0]["quantityReceived"],
        30
    );
    assert_eq!(level(&s, &chonburi).await["onHand"], 30);

    let movements = s
        .app
        .gql(
            Some(&s.manager),
            "{ stockMovements(filter: {type: TRANSFER_IN}) { edges { node { quantity referenceType referenceId } } } }",
            json!({}),
        )
        .await;
    let edges = movements["data"]["stockMovements"]["edges"]
        .as_array()
        .unwrap();
    assert_eq!(edges.len(), 2);
    assert_eq!(edges[0]["node"]["referenceType"], "TRANSFER");
    assert_eq!(edges[0]["node"]["referenceId"], transfer["id"]);
    let listed = s
        .app
        .gql(
            Some(&s.manager),
            "{ transfers(status: RECEIVED) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        listed["data"]["transfers"]["edges"][0]["node"]["id"],
        transfer["id"]
    );
    assert_ledger_matches_levels(&s.app).await;
}

#[tokio::test]
async fn a_cycle_count_posts_its_variances_when_completed() {
    let s = stock().await;
    s.ok("receiveStock", json!({"quantity": 50})).await;
    let start = s
        .app
        .gql(
            Some(&s.manager),
            &format!("mutation($input: StartStockCountInput!) {{ startStockCount(input: $input) {COUNT} }}"),
            json!({"input": {"warehouseId": s.warehouse, "note": "ชั้น A"}}),
        )
        .await;
    let count_id = start["data"]["startStockCount"]["id"].clone();
    assert_eq!(
        start["data"]["startStockCount"]["status"], "OPEN",
        "{start}"
    );
    let record = format!(
        "mutation($input: RecordCountLineInput!) {{ recordCountLine(input: $input) {COUNT} }}"
    );
    for counted in [47, 48] {
        let recorded = s
            .app
            .gql(Some(&s.manager), &record, json!({"input": {"countId": count_id, "productId": s.product, "countedQuantity": counted}}))
            .await;
        assert_eq!(
            recorded["data"]["recordCountLine"]["lines"][0]["countedQuantity"], counted,
            "{recorded}"
        );
    }
    let complete = format!(
        "mutation($input: CompleteStockCountInput!) {{ completeStockCount(input: $input) {COUNT} }}"
    );
    let completed = s
        .app
        .gql(
            Some(&s.manager),
            &complete,
            json!({"input": {"countId": count_id}}),
        )
        .await;
    let count = &completed["data"]["completeStockCount"];
    assert_eq!(count["status"], "COMPLETED", "{completed}");
    assert_eq!(
        count["lines"][0],
        json!({"countedQuantity": 48, "expectedQuantity": 50, "variance": -2, "product": {"sku": "RICE-5KG"}})
    );
    assert_eq!(level(&s, &s.warehouse).await["onHand"], 48);
    let variance = s
        .app
        .gql(Some(&s.manager), "{ stockMovements(filter: {type: COUNT_VARIANCE}) { edges { node { quantity onHandDelta } } } }", json!({}))
        .await;
    assert_eq!(
        variance["data"]["stockMovements"]["edges"][0]["node"],
        json!({"quantity": 2, "onHandDelta": -2})
    );
    let again = s
        .app
        .gql(
            Some(&s.manager),
            &complete,
            json!({"input": {"countId": count_id}}),
        )
        .await;
    assert_eq!(error_code(&again).as_deref(), Some("CONFLICT"));
    let late = s
        .app
        .gql(
            Some(&s.manager),
            &record,
            json!({"input": {"countId": count_id, "productId": s.product, "countedQuantity": 1}}),
        )
        .await;
    assert_eq!(error_code(&late).as_deref(), Some("CONFLICT"));
    assert_ledger_matches_levels(&s.app).await;
}

#[tokio::test]
async fn a_count_below_what_is_reserved_is_refused() {
    let s = stock().await;
    s.ok("receiveStock", json!({"quantity": 50})).await;
    s.ok("reserveStock", json!({"quantity": 45})).await;
    let start = s
        .app
        .gql(
            Some(&s.manager),
            "mutation($w: UUID!) { startStockCount(input: {warehouseId: $w}) { id } }",
            json!({"w": s.warehouse}),
        )
        .await;
    let count_id = start["data"]["startStockCount"]["id"].clone();
    s.app
        .gql(
            Some(&s.manager),
            "mutation($c: UUID!, $p: UUID!) { recordCountLine(input: {countId: $c, productId: $p, countedQuantity: 40}) { id } }",
            json!({"c": count_id, "p": s.product}),
        )
        .await;
    let refused = s
        .app
        .gql(
            Some(&s.manager),
            "mutation($c: UUID!) { completeStockCount(input: {countId: $c}) { status } }",
            json!({"c": count_id}),
        )
        .await;
    assert_eq!(
        error_code(&refused).as_deref(),
        Some("CONFLICT"),
        "{refused}"
    );
    assert_eq!(level(&s, &s.warehouse).await["onHand"], 50);
}

#[tokio::test]
async fn transfer_receipts_and_count_steps_apply_once_per_idempotency_key() {
    let s = stock().await;
    let other = create_warehouse(&s.app, &s.manager, "CBI", "ชลบุรี").await;
    s.ok("receiveStock", json!({"quantity": 50})).await;
    let call = |mutation: &'static str, input: Value| {
        let (app, token) = (&s.app, s.manager.clone());
        async move {
            let query = format!(
                "mutation($input: {}Input!) {{ {mutation}(input: $input) {} }}",
                mutation[..1].to_uppercase() + &mutation[1..],
                if mutation.to_lowercase().contains("transfer") {
                    TRANSFER
                } else {
                    COUNT
                }
            );
            app.gql(Some(&token), &query, json!({"input": input})).await
        }
    };
    let sent = call(
        "transferStock",
        json!({"fromWarehouseId": s.warehouse, "toWarehouseId": other, "lines": [{"productId": s.product, "quantity": 20}]}),
    )
    .await;
    let transfer_id = sent["data"]["transferStock"]["id"].clone();
    assert!(transfer_id.is_string(), "{sent}");
    let receipt = json!({"transferId": transfer_id, "lines": [{"productId": s.product, "quantity": 5}], "idempotencyKey": "receipt-0001"});
    let first = call("receiveTransfer", receipt.clone()).await;
    let repeat = call("receiveTransfer", receipt).await;
    assert_eq!(
        first["data"], repeat["data"],
        "the repeat returns the first result"
    );
    assert_eq!(
        first["data"]["receiveTransfer"]["lines"][0]["quantityReceived"], 5,
        "{first}"
    );
    assert_eq!(level(&s, &other).await["onHand"], 5, "received once");

    let started = call(
        "startStockCount",
        json!({"warehouseId": s.warehouse, "idempotencyKey": "count-start-1"}),
    )
    .await;
    let started_again = call(
        "startStockCount",
        json!({"warehouseId": s.warehouse, "idempotencyKey": "count-start-1"}),
    )
    .await;
    assert_eq!(started["data"], started_again["data"], "one count opened");
    let count_id = started["data"]["startStockCount"]["id"].clone();
    let line = |counted: i64| json!({"countId": count_id, "productId": s.product, "countedQuantity": counted, "idempotencyKey": "count-line-1"});
    call("recordCountLine", line(28)).await;
    let reused = call("recordCountLine", line(29)).await;
    assert_eq!(
        error_code(&reused).as_deref(),
        Some("CONFLICT"),
        "a key is bound to its request: {reused}"
    );
    let complete = json!({"countId": count_id, "idempotencyKey": "count-done-1"});
    let done = call("completeStockCount", complete.clone()).await;
    let done_again = call("completeStockCount", complete).await;
    assert_eq!(done["data"], done_again["data"], "{done_again}");
    assert_eq!(
        done["data"]["completeStockCount"]["lines"][0]["variance"], -2,
        "{done}"
    );
    assert_eq!(
        level(&s, &s.warehouse).await["onHand"],
        28,
        "the variance posted once"
    );
    let mut db = s.app.db().await;
    let counts: i64 = sqlx::query_scalar("SELECT count(*) FROM stock_counts")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(counts, 1);
    assert_ledger_matches_levels(&s.app).await;
}
