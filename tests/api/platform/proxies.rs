//! The client address behind trusted proxies: taken from `X-Forwarded-For` only when the peer is a trusted
//! proxy, so the usage history, the budgets and the penalty box see each client, and nobody else can forge it.

use klang::platform::auth::Role;
use serde_json::{Value, json};

use crate::helpers::{SIGN_IN, TestApp, TestConfig, spawn_app, spawn_app_with};

const PASSWORD: &str = "Test-password-2026";

async fn post_from(
    app: &TestApp,
    forwarded: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    app.client
        .post(format!("{}/graphql", app.address))
        .header("content-type", "application/json")
        .header("x-forwarded-for", forwarded)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// The addresses the usage history recorded for successful sign-ins, oldest first.
async fn sign_in_addresses(app: &TestApp) -> Vec<Value> {
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await
        .access_token;
    let history = app
        .gql(
            Some(&admin),
            "query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 10) { edges { node { ip } } } }",
            json!({"filter": {"action": "signIn", "outcome": "SUCCESS"}}),
        )
        .await;
    let mut addresses: Vec<Value> = history["data"]["auditLog"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{history}"))
        .iter()
        .map(|edge| edge["node"]["ip"].clone())
        .collect();
    addresses.reverse();
    addresses
}

async fn sign_in_from(app: &TestApp, forwarded: &str, email: &str) {
    let body =
        json!({"query": SIGN_IN, "variables": {"input": {"email": email, "password": PASSWORD}}});
    let response = post_from(app, forwarded, body.to_string()).await;
    let body: Value = response.json().await.unwrap();
    assert!(body["data"]["signIn"]["accessToken"].is_string(), "{body}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_is_itself() {
    let app = spawn_app_with(
        TestConfig::default()
            .with("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
            .with("GRAPHQL_REFUSALS_PER_ADDRESS", 3),
    )
    .await;
    let email = app.create_user(Role::Viewer).await;
    // A forged left-most entry and a second proxy hop are both passed over.
    sign_in_from(&app, "1.2.3.4, 203.0.113.7, 10.1.2.3", &email).await;
    let addresses = sign_in_addresses(&app).await;
    assert_eq!(addresses[0], "203.0.113.7", "{addresses:?}");

    // One forwarded client earns a penalty; another behind the same proxy is still served.
    for _ in 0..4 {
        assert_eq!(post_from(&app, "203.0.113.7", "[]").await.status(), 400);
    }
    let held = post_from(&app, "203.0.113.7", r#"{"query":"{ __typename }"}"#).await;
    assert_eq!(held.status(), 429);
    let other = post_from(&app, "203.0.113.8", r#"{"query":"{ __typename }"}"#).await;
    assert_eq!(other.status(), 200);
}

#[tokio::test]
async fn without_trusted_proxies_a_forwarded_address_is_ignored() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    sign_in_from(&app, "203.0.113.7", &email).await;
    let addresses = sign_in_addresses(&app).await;
    assert_eq!(addresses[0], "127.0.0.1", "{addresses:?}");
}
