//! Liveness and readiness.

use axum::{Json, extract::State, http::StatusCode};
use serde_json::{Value, json};

use super::HttpState;
use crate::readiness::Readiness;

/// `GET /healthz`: the process is up.
pub async fn alive() -> Json<Value> {
    Json(json!({"status": "alive"}))
}

/// `GET /readyz`: PostgreSQL, Redis and Kafka are reachable; says which one is not.
pub async fn ready(State(http): State<HttpState>) -> (StatusCode, Json<Value>) {
    let readiness = Readiness::check(&http.app).await;
    let checks = json!({
        "postgres": status(Some(readiness.postgres)),
        "redis": status(readiness.redis),
        "kafka": status(readiness.kafka),
    });
    let (code, label) = if readiness.is_ready() {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not_ready")
    };
    (code, Json(json!({"status": label, "checks": checks})))
}

fn status(check: Option<bool>) -> &'static str {
    match check {
        Some(true) => "up",
        Some(false) => "down",
        None => "embedded",
    }
}
