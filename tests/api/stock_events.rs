//! Every path that changes stock emits its event: the test walks every stock mutation (movements, transfers,
//! counts) and checks that one `stockChanged` message arrived per ledger row, with the same movement ids.

use std::{collections::BTreeSet, time::Duration};

use serde_json::{Value, json};

use crate::{
    helpers::ws::Socket,
    inventory::{create_warehouse, stock},
};

#[tokio::test]
async fn every_stock_mutation_emits_one_event_per_ledger_row() {
    let s = stock().await;
    let other = create_warehouse(&s.app, &s.manager, "CBI", "ชลบุรี").await;
    let mut socket = Socket::open(s.app.port, &s.manager).await;
    socket
        .subscribe(
            "1",
            "subscription($p: UUID) { stockChanged(productId: $p) { movement { id movementType } } }",
            json!({"p": s.product}),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    s.ok("receiveStock", json!({"quantity": 100})).await;
    s.ok("issueStock", json!({"quantity": 5})).await;
    s.ok(
        "adjustStock",
        json!({"quantityChange": -2, "reason": "แตกเสียหาย"}),
    )
    .await;
    s.ok("reserveStock", json!({"quantity": 10})).await;
    s.ok("releaseStock", json!({"quantity": 4})).await;
    let run = |query: &'static str, input: Value| {
        let app = &s.app;
        let token = s.manager.clone();
        async move {
            let response = app.gql(Some(&token), query, json!({"input": input})).await;
            assert!(response["errors"].is_null(), "{response}");
            response["data"].clone()
        }
    };
    let transfer = run(
        "mutation($input: TransferStockInput!) { transferStock(input: $input) { id } }",
        json!({"fromWarehouseId": s.warehouse, "toWarehouseId": other, "lines": [{"productId": s.product, "quantity": 20}]}),
    )
    .await;
    run(
        "mutation($input: ReceiveTransferInput!) { receiveTransfer(input: $input) { id } }",
        json!({"transferId": transfer["transferStock"]["id"], "lines": [{"productId": s.product, "quantity": 20}]}),
    )
    .await;
    let count = run(
        "mutation($input: StartStockCountInput!) { startStockCount(input: $input) { id } }",
        json!({"warehouseId": s.warehouse}),
    )
    .await;
    let count_id = count["startStockCount"]["id"].clone();
    run(
        "mutation($input: RecordCountLineInput!) { recordCountLine(input: $input) { id } }",
        json!({"countId": count_id, "productId": s.product, "countedQuantity": 70}),
    )
    .await;
    run(
        "mutation($input: CompleteStockCountInput!) { completeStockCount(input: $input) { id } }",
        json!({"countId": count_id}),
    )
    .await;

    let mut db = s.app.db().await;
    let ledger: Vec<(uuid::Uuid, String)> = sqlx::query_as(
        "SELECT id, movement_type FROM stock_movements WHERE product_id = $1::uuid ORDER BY occurred_at, id",
    )
    .bind(&s.product)
    .fetch_all(&mut db)
    .await
    .unwrap();
    let types: BTreeSet<&str> = ledger.iter().map(|(_, kind)| kind.as_str()).collect();
    assert_eq!(
        types,
        BTreeSet::from([
            "RECEIVE",
            "ISSUE",
            "ADJUST",
            "RESERVE",
            "RELEASE",
            "TRANSFER_OUT",
            "TRANSFER_IN",
            "COUNT_VARIANCE"
        ]),
        "the walk covers every movement type"
    );
    let mut arrived = Vec::new();
    while arrived.len() < ledger.len() {
        let payload = socket.next_data("1", Duration::from_secs(20)).await;
        let movement = &payload["data"]["stockChanged"]["movement"];
        arrived.push((
            movement["id"]
                .as_str()
                .unwrap()
                .parse::<uuid::Uuid>()
                .unwrap(),
            movement["movementType"].as_str().unwrap().to_owned(),
        ));
    }
    assert_eq!(arrived, ledger, "one event per ledger row, in order");
}
