//! The penalty box: an address that keeps sending refused requests is answered 429 unread, held back, for a
//! while; then it is served again. Other routes stay open to it meanwhile.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestConfig, error_code, spawn_app_with};

async fn post_raw(app: &TestApp, body: impl Into<reqwest::Body>) -> reqwest::Response {
    app.client
        .post(format!("{}/graphql", app.address))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_address_sending_only_refused_requests_is_held_off_then_served_again() {
    let app = spawn_app_with(
        TestConfig::default()
            .with("GRAPHQL_REFUSALS_PER_ADDRESS", 5)
            .with("GRAPHQL_REFUSAL_WINDOW_SECONDS", 30)
            .with("GRAPHQL_REFUSAL_PENALTY_SECONDS", 2)
            .with("GRAPHQL_REFUSAL_TARPIT_MS", 300),
    )
    .await;
    // Up to the limit, and the one request over it, are refused as usual.
    for attempt in 1..=6 {
        let refused = post_raw(&app, "{not json").await;
        assert_eq!(refused.status(), 400, "refusal {attempt}");
    }

    // Now even a good request is answered 429 without being read: a 1 MiB body gets no 413.
    let oversized = json!({"query": "{ __typename }", "variables": {"pad": "x".repeat(1 << 20)}});
    let started = Instant::now();
    let held = post_raw(&app, oversized.to_string()).await;
    let waited = started.elapsed();
    assert_eq!(held.status(), 429);
    assert!(
        waited >= Duration::from_millis(300),
        "the answer is held back for the tarpit: {waited:?}"
    );
    assert_eq!(held.headers()["retry-after"], "2");
    assert_eq!(held.headers()["connection"], "close");
    let body: Value = held.json().await.unwrap();
    assert_eq!(error_code(&body).as_deref(), Some("RATE_LIMITED"), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["retryAfterSeconds"], 2);
    let good = post_raw(&app, r#"{"query":"{ __typename }"}"#).await;
    assert_eq!(good.status(), 429);
    let alive = app
        .client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(alive.status(), 200, "only the GraphQL routes are guarded");

    let metrics = app.metrics().await;
    // The recorder is shared by every test in this process: at least this test's penalty and two answers.
    assert!(
        counter(&metrics, "klang_graphql_penalties_total") >= 1.0,
        "{metrics}"
    );
    assert!(counter(&metrics, "klang_graphql_penalised_requests_total") >= 2.0);

    // After the penalty, the address is served again.
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let served = post_raw(&app, r#"{"query":"{ __typename }"}"#).await;
    assert_eq!(served.status(), 200);
    let body: Value = served.json().await.unwrap();
    assert_eq!(body["data"]["__typename"], "Query", "{body}");
}

#[tokio::test]
async fn refusals_spread_over_windows_never_penalise() {
    let app = spawn_app_with(
        TestConfig::default()
            .with("GRAPHQL_REFUSALS_PER_ADDRESS", 3)
            .with("GRAPHQL_REFUSAL_WINDOW_SECONDS", 1),
    )
    .await;
    for window in 0..3 {
        for _ in 0..3 {
            assert_eq!(post_raw(&app, "[]").await.status(), 400, "window {window}");
        }
        // Good requests never count, however many.
        for _ in 0..10 {
            let good = post_raw(&app, r#"{"query":"{ __typename }"}"#).await;
            assert_eq!(good.status(), 200, "window {window}");
        }
        tokio::time::sleep(Duration::from_millis(1_100)).await;
    }
}

fn counter(metrics: &str, name: &str) -> f64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("{name} is not exposed"))
}
