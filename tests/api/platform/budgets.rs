//! Cost budgets per user and per address, and the per-request time limit.

use klang::platform::auth::Role;
use serde_json::json;

use crate::helpers::{TestApp, TestConfig, error_code, spawn_app_with};

/// Costs 100 × what one item selects (edges, node, sku, pageInfo, hasNextPage): 500 points.
const PAGE: &str = "{ products(first: 100) { edges { node { sku } } pageInfo { hasNextPage } } }";

async fn token(app: &TestApp) -> String {
    app.sign_in(&app.create_user(Role::Viewer).await, "Test-password-2026")
        .await
        .access_token
}

#[tokio::test]
async fn a_user_over_their_cost_budget_is_refused_with_a_retry_hint_and_others_are_not() {
    let app = spawn_app_with(TestConfig::default().with("GRAPHQL_COST_BUDGET_PER_USER", 700)).await;
    let (first, second) = (token(&app).await, token(&app).await);
    let allowed = app.gql(Some(&first), PAGE, json!({})).await;
    assert!(allowed["errors"].is_null(), "{allowed}");
    let refused = app.gql(Some(&first), PAGE, json!({})).await;
    assert_eq!(
        error_code(&refused).as_deref(),
        Some("RATE_LIMITED"),
        "{refused}"
    );
    let retry = refused["errors"][0]["extensions"]["retryAfterSeconds"]
        .as_u64()
        .unwrap();
    assert!((1..=60).contains(&retry), "{refused}");
    let other = app.gql(Some(&second), PAGE, json!({})).await;
    assert!(
        other["errors"].is_null(),
        "another user has a budget of their own: {other}"
    );
}

#[tokio::test]
async fn one_address_shares_one_budget_across_its_users() {
    let app =
        spawn_app_with(TestConfig::default().with("GRAPHQL_COST_BUDGET_PER_ADDRESS", 700)).await;
    let (first, second) = (token(&app).await, token(&app).await);
    assert!(app.gql(Some(&first), PAGE, json!({})).await["errors"].is_null());
    let refused = app.gql(Some(&second), PAGE, json!({})).await;
    assert_eq!(
        error_code(&refused).as_deref(),
        Some("RATE_LIMITED"),
        "{refused}"
    );
}

#[tokio::test]
async fn an_operation_past_the_time_limit_is_stopped_with_a_typed_error() {
    let app = spawn_app_with(TestConfig::default().with("GRAPHQL_TIMEOUT_MS", 1)).await;
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({"query": "mutation { signIn(input: {email: \"nobody@test.local\", password: \"Wrong-password-1\"}) { accessToken } }"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        error_code(&body).as_deref(),
        Some("TIMEOUT"),
        "a sign-in hashes a password for far longer than 1 ms: {body}"
    );
    let alive = app
        .client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(alive.status(), 200);
}
