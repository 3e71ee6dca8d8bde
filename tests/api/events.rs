//! The event path end to end: mutation -> outbox -> Kafka -> live consumer -> WebSocket subscription.

use std::time::Duration;

use klang::platform::auth::Role;
use serde_json::json;

use crate::helpers::{TestConfig, spawn_app, spawn_app_with, ws::Socket};

const PASSWORD: &str = "Test-password-2026";

async fn created_user_arrives_on_the_socket(app: &crate::helpers::TestApp) {
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await;
    let mut socket = Socket::open(app.port, &admin.access_token).await;
    socket
        .subscribe(
            "1",
            "subscription { userEvents { eventId eventType userId data } }",
            json!({}),
        )
        .await;
    // Give the subscription a moment to be registered before the change happens.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let id = app
        .create_user_as(&admin.access_token, "live@test.local", "Live")
        .await;
    // Events of users created before the subscription (the admin) may still be on their way: skip them.
    let event = loop {
        let payload = socket.next_data("1", Duration::from_secs(20)).await;
        let event = payload["data"]["userEvents"].clone();
        if event["userId"] == id {
            break event;
        }
    };
    assert_eq!(event["eventType"], "klang.users.user_created.v1", "{event}");
    assert_eq!(event["data"]["email"], "live@test.local");
}

#[tokio::test]
async fn a_created_user_reaches_a_subscriber_through_kafka() {
    let app = spawn_app().await;
    created_user_arrives_on_the_socket(&app).await;
    let mut db = app.db().await;
    let pending: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox_events WHERE published_at IS NULL")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(pending, 0);
}

#[tokio::test]
async fn without_kafka_the_in_process_bus_delivers() {
    let app = spawn_app_with(TestConfig::default().without("KAFKA_BROKERS")).await;
    created_user_arrives_on_the_socket(&app).await;
}

#[tokio::test]
async fn events_are_cloudevents_keyed_by_aggregate() {
    let app = spawn_app().await;
    app.create_user(Role::Viewer).await;
    let mut db = app.db().await;
    let (key, payload): (String, serde_json::Value) =
        sqlx::query_as("SELECT event_key, payload FROM outbox_events ORDER BY seq LIMIT 1")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(payload["specversion"], "1.0");
    assert_eq!(payload["type"], "klang.users.user_created.v1");
    assert_eq!(payload["source"], "/klang/users");
    assert_eq!(payload["datacontenttype"], "application/json");
    assert_eq!(payload["subject"], key);
    assert!(payload["id"].is_string() && payload["time"].is_string());
}
