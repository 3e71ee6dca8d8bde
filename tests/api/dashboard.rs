//! The inventory dashboard: stock value at cost, low-stock count, today's movements and the daily chart.

use klang::platform::auth::Role;
use serde_json::json;

use crate::{
    helpers::error_code,
    inventory::{create_warehouse, stock},
};

const DASHBOARD: &str = "query($warehouseId: UUID, $days: Int!) { inventoryDashboard(warehouseId: $warehouseId) {
    warehouseId stockValue lowStockCount movementsToday dailyMovements(days: $days) { day inbound outbound movements } } }";

#[tokio::test]
async fn dashboard_sums_value_at_cost_and_counts_todays_movements() {
    let s = stock().await;
    s.app
        .gql(
            Some(&s.manager),
            "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { cost } }",
            json!({"input": {"id": s.product, "cost": "12.50"}}),
        )
        .await;
    s.ok("receiveStock", json!({"quantity": 100})).await;
    s.ok("issueStock", json!({"quantity": 30})).await;
    s.ok("reserveStock", json!({"quantity": 5})).await;
    s.app
        .gql(
            Some(&s.manager),
            "mutation($input: SetReorderPointInput!) { setReorderPoint(input: $input) { belowReorderPoint } }",
            json!({"input": {"productId": s.product, "warehouseId": s.warehouse, "reorderPoint": 80, "reorderQuantity": 50}}),
        )
        .await;
    let other = create_warehouse(&s.app, &s.manager, "CNX-MAIN", "คลังเชียงใหม่").await;

    let viewer = s
        .app
        .sign_in(&s.app.create_user(Role::Viewer).await, "Test-password-2026")
        .await
        .access_token;
    let all = s
        .app
        .gql(Some(&viewer), DASHBOARD, json!({"days": 3}))
        .await;
    let dashboard = &all["data"]["inventoryDashboard"];
    assert_eq!(dashboard["stockValue"], json!("875.00"), "{all}");
    assert_eq!(dashboard["lowStockCount"], 1, "{all}");
    assert_eq!(dashboard["movementsToday"], 3, "{all}");
    let chart = dashboard["dailyMovements"].as_array().unwrap();
    assert_eq!(chart.len(), 3, "{all}");
    assert_eq!(chart[0]["movements"], 0, "quiet days are listed: {all}");
    assert_eq!(
        (
            &chart[2]["inbound"],
            &chart[2]["outbound"],
            &chart[2]["movements"]
        ),
        (&json!(100), &json!(30), &json!(3)),
        "{all}"
    );
    assert!(
        chart[1]["day"].as_str() < chart[2]["day"].as_str(),
        "oldest first: {all}"
    );

    let empty = s
        .app
        .gql(
            Some(&viewer),
            DASHBOARD,
            json!({"warehouseId": other, "days": 1}),
        )
        .await;
    assert_eq!(
        empty["data"]["inventoryDashboard"],
        json!({"warehouseId": other, "stockValue": "0.00", "lowStockCount": 0, "movementsToday": 0,
               "dailyMovements": [{"day": chart[2]["day"], "inbound": 0, "outbound": 0, "movements": 0}]}),
        "{empty}"
    );
}

#[tokio::test]
async fn dashboard_refuses_a_chart_longer_than_a_year_and_anonymous_callers() {
    let s = stock().await;
    let too_long = s
        .app
        .gql(Some(&s.manager), DASHBOARD, json!({"days": 367}))
        .await;
    assert_eq!(
        error_code(&too_long).as_deref(),
        Some("BAD_USER_INPUT"),
        "{too_long}"
    );
    let anonymous = s.app.gql(None, DASHBOARD, json!({"days": 1})).await;
    assert_eq!(
        error_code(&anonymous).as_deref(),
        Some("UNAUTHENTICATED"),
        "{anonymous}"
    );
}
