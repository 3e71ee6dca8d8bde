//! Liveness and readiness.

use axum::{Json, extract::State, http::StatusCode};
use serde_json::{Value, json};

use super::HttpState;

/// `GET /healthz`: the process is up.
pub async fn alive() -> Json<Value> {
    Json(json!({"status": "alive"}))
}

/// `GET /readyz`: PostgreSQL, Redis and Kafka are reachable; says which one is not.
pub async fn ready(State(http): State<HttpState>) -> (StatusCode, Json<Value>) {
    let state = &http.app;
    let postgres = sqlx::query_scalar!("SELECT 1 AS \"one!\"")
        .fetch_one(&state.pool)
        .await
        .is_ok();
    let redis = if state.kv.is_shared() {
        Some(state.kv.ping().await.is_ok())
    } else {
        None
    };
    let kafka = match (&state.kafka, &state.live_consumer) {
        (Some(bus), Some(consumer)) => Some(bus.ping().await && consumer.is_ready()),
        _ => None,
    };
    let checks = json!({
        "postgres": status(Some(postgres)),
        "redis": status(redis),
        "kafka": status(kafka),
    });
    let ready = postgres && redis.unwrap_or(true) && kafka.unwrap_or(true);
    let code = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        code,
        Json(json!({"status": if ready { "ready" } else { "not_ready" }, "checks": checks})),
    )
}

fn status(check: Option<bool>) -> &'static str {
    match check {
        Some(true) => "up",
        Some(false) => "down",
        None => "embedded",
    }
}
