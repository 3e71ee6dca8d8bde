//! The demo data loads completely, consistently and only once.

use serde_json::json;

use crate::{helpers::spawn_app, inventory::assert_ledger_matches_levels};

#[tokio::test]
async fn demo_data_is_complete_consistent_and_loaded_once() {
    let app = spawn_app().await;
    let state = &app.state;
    let first = klang::seed::run(&state.users, &state.products, &state.inventory, false)
        .await
        .unwrap();
    assert_eq!(first.users, 5);
    assert!(first.products >= 250, "{first:?}");
    let again = klang::seed::run(&state.users, &state.products, &state.inventory, false)
        .await
        .unwrap();
    assert_eq!((again.users, again.products), (0, 0));
    assert_ledger_matches_levels(&app).await;

    let manager = app
        .sign_in("manager@klang.local", klang::seed::DEMO_PASSWORD)
        .await
        .access_token;
    let found = app
        .gql(
            Some(&manager),
            "{ warehouses { code bins { code } } products(filter: {search: \"หอมมะลิ\"}, first: 3) { edges { node { sku totalAvailable stockLevels { bin { code } } category { nameTh parent { nameTh } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        found["data"]["warehouses"].as_array().unwrap().len(),
        3,
        "{found}"
    );
    for warehouse in found["data"]["warehouses"].as_array().unwrap() {
        assert_eq!(
            warehouse["bins"].as_array().unwrap().len(),
            12,
            "{warehouse}"
        );
    }
    let product = &found["data"]["products"]["edges"][0]["node"];
    for level in product["stockLevels"].as_array().unwrap() {
        assert!(level["bin"]["code"].is_string(), "{level}");
    }
    assert_eq!(product["category"]["parent"]["nameTh"], "อาหารแห้ง");
    assert!(product["totalAvailable"].as_i64().unwrap() > 0);
    let month = app
        .gql(
            Some(&manager),
            "query($from: DateTime) { stockMovements(filter: {from: $from, type: ISSUE}, first: 5) { edges { node { occurredAt } } } }",
            json!({"from": (chrono::Utc::now() - chrono::Duration::days(31)).to_rfc3339()}),
        )
        .await;
    assert_eq!(
        month["data"]["stockMovements"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        5,
        "{month}"
    );
}
