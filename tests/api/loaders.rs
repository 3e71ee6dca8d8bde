//! Nested reads go through DataLoaders: a page of products with their stock levels per warehouse, each with its
//! warehouse and category, costs a small constant number of SQL statements, for 10 products as for 100.
//! PostgreSQL counts the statements itself (`pg_stat_statements`, per database: every test has its own).

use klang::platform::auth::Role;
use serde_json::json;

use crate::{helpers::TestApp, inventory::create_warehouse};

const PAGE: &str = "query($first: Int!) { products(first: $first, sort: SKU) { edges { node {
    sku totalAvailable category { nameTh } stockLevels { onHand available warehouse { code nameTh } } } } } }";

/// Statements run so far in this test's database that read the catalog or stock tables (the outbox relay's
/// polling and the counting query itself are left out).
async fn catalog_statements(app: &TestApp) -> i64 {
    let mut db = app.db().await;
    sqlx::query_scalar(
        "SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND query !~* 'pg_stat_statements'
           AND query ~* '(products|stock_levels|warehouses|categories)'",
    )
    .fetch_one(&mut db)
    .await
    .expect("pg_stat_statements is loaded (scripts/infra/postgres.sh)")
}

async fn statements_for_page(app: &TestApp, token: &str, first: usize) -> i64 {
    let before = catalog_statements(app).await;
    let response = app.gql(Some(token), PAGE, json!({"first": first})).await;
    let edges = response["data"]["products"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(edges.len(), first, "{response}");
    for edge in &edges {
        let levels = edge["node"]["stockLevels"].as_array().unwrap();
        assert_eq!(levels.len(), 3, "{edge}");
        assert!(
            levels
                .iter()
                .all(|level| level["warehouse"]["code"].is_string())
        );
        assert_eq!(edge["node"]["totalAvailable"], 30);
    }
    catalog_statements(app).await - before
}

#[tokio::test]
async fn a_page_of_products_with_nested_stock_costs_a_constant_number_of_statements() {
    let app = crate::helpers::spawn_app().await;
    let token = app
        .sign_in(&app.create_user(Role::Manager).await, "Test-password-2026")
        .await
        .access_token;
    let category = app
        .gql(
            Some(&token),
            "mutation { createCategory(input: {nameTh: \"ข้าวสาร\"}) { id } }",
            json!({}),
        )
        .await["data"]["createCategory"]["id"]
        .clone();
    for index in 0..100 {
        let created = app
            .gql(
                Some(&token),
                "mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }",
                json!({"input": {"sku": format!("DL-{index:03}"), "nameTh": format!("สินค้า {index}"),
                        "unit": "ชิ้น", "price": "10", "categoryId": category}}),
            )
            .await;
        assert!(
            created["data"]["createProduct"]["id"].is_string(),
            "{created}"
        );
    }
    for (code, name) in [("BKK", "บางนา"), ("CBI", "ชลบุรี"), ("CNX", "เชียงใหม่")]
    {
        create_warehouse(&app, &token, code, name).await;
    }
    let mut db = app.db().await;
    sqlx::query(
        "INSERT INTO stock_levels (product_id, warehouse_id, on_hand)
         SELECT p.id, w.id, 10 FROM products p CROSS JOIN warehouses w",
    )
    .execute(&mut db)
    .await
    .unwrap();

    // Without loaders a page of 100 would cost 1 + 100 (levels) + 300 (warehouses) + 100 (categories)
    // statements. With them each nested field costs one statement per batch: 4 on a quiet machine. A batch
    // collects keys for 1 ms (async-graphql's window), so a starved CPU (the whole suite on 2 cores) may split
    // a batch, never anywhere near one statement per row.
    let ten = statements_for_page(&app, &token, 10).await;
    let hundred = statements_for_page(&app, &token, 100).await;
    assert!(ten <= 20, "{ten} statements for 10 products");
    assert!(
        hundred <= 20,
        "{hundred} statements for 100 products (one per row would be 500)"
    );
}
