//! Persisted documents: hashes resolve over POST, GET and the WebSocket; with trusted documents required, only
//! listed documents run.

use std::time::Duration;

use klang::{graphql::persisted::hash_of, platform::auth::Role};
use serde_json::{Value, json};

use crate::helpers::{
    SIGN_IN, TestApp, TestConfig, error_code, spawn_app_with,
    ws::{Received, Socket},
};

const ROLES: &str = "query Roles { roles { code } }";
const CREATE_WAREHOUSE: &str = "mutation CreateWarehouse { createWarehouse(input: {code: \"HASH-1\", nameTh: \"คลัง\"}) { id } }";
const USER_EVENTS: &str = "subscription UserEvents { userEvents { eventType userId } }";

/// Starts an app whose manifest lists the documents above (keys written as codegen writes them).
async fn app_with_manifest(required: bool) -> TestApp {
    let manifest =
        std::env::temp_dir().join(format!("klang-persisted-{}.json", uuid::Uuid::now_v7()));
    let entries: serde_json::Map<String, Value> = [SIGN_IN, ROLES, CREATE_WAREHOUSE, USER_EVENTS]
        .iter()
        .map(|document| (format!("sha256:{}", hash_of(document)), json!(document)))
        .collect();
    std::fs::write(&manifest, Value::Object(entries).to_string()).unwrap();
    spawn_app_with(
        TestConfig::default()
            .with("GRAPHQL_PERSISTED_DOCUMENTS", manifest.display())
            .with(
                "GRAPHQL_TRUSTED_DOCUMENTS",
                if required { "required" } else { "optional" },
            ),
    )
    .await
}

fn by_hash(document: &str) -> Value {
    json!({"extensions": {"persistedQuery": {"version": 1, "sha256Hash": hash_of(document)}}})
}

async fn post(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(token)
        .header("accept", "application/graphql-response+json")
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn get(app: &TestApp, token: &str, document: &str) -> (u16, Value) {
    let extensions = by_hash(document)["extensions"].to_string();
    let response = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[("extensions", extensions.as_str())])
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.json().await.unwrap_or_default(),
    )
}

async fn admin_token(app: &TestApp) -> String {
    app.sign_in(&app.create_user(Role::Admin).await, "Test-password-2026")
        .await
        .access_token
}

#[tokio::test]
async fn hashes_resolve_over_post_and_get_and_unknown_ones_ask_for_the_document() {
    let app = app_with_manifest(false).await;
    let token = admin_token(&app).await;
    let (_, posted) = post(&app, &token, by_hash(ROLES)).await;
    assert!(
        posted["data"]["roles"]
            .as_array()
            .is_some_and(|roles| !roles.is_empty()),
        "{posted}"
    );
    let (status, fetched) = get(&app, &token, ROLES).await;
    assert_eq!(
        (status, &fetched["data"]),
        (200, &posted["data"]),
        "{fetched}"
    );

    let unlisted = "query { me { email } }";
    let (status, missing) = post(&app, &token, by_hash(unlisted)).await;
    assert_eq!(status, 400, "{missing}");
    assert_eq!(missing["errors"][0]["message"], "PersistedQueryNotFound");
    assert_eq!(
        error_code(&missing).as_deref(),
        Some("PERSISTED_QUERY_NOT_FOUND")
    );
    // Development runs any document, with or without its hash.
    let mut with_document = by_hash(unlisted);
    with_document["query"] = json!(unlisted);
    let (_, ran) = post(&app, &token, with_document).await;
    assert!(ran["data"]["me"]["email"].is_string(), "{ran}");
    let (status, mismatch) = post(
        &app,
        &token,
        json!({"query": ROLES, "extensions": by_hash(unlisted)["extensions"]}),
    )
    .await;
    assert_eq!(
        (status, error_code(&mismatch).as_deref()),
        (400, Some("BAD_REQUEST")),
        "{mismatch}"
    );
}

#[tokio::test]
async fn required_mode_runs_only_listed_documents_and_never_a_mutation_over_get() {
    let app = app_with_manifest(true).await;
    let token = admin_token(&app).await;
    let (status, refused) = post(&app, &token, json!({"query": "query { me { email } }"})).await;
    assert_eq!(
        (status, error_code(&refused).as_deref()),
        (400, Some("PERSISTED_QUERY_REQUIRED")),
        "{refused}"
    );
    let (_, listed_text) = post(&app, &token, json!({"query": ROLES})).await;
    assert!(
        listed_text["data"]["roles"].is_array(),
        "a listed document may be sent as text: {listed_text}"
    );
    let (_, by_hash_only) = post(&app, &token, by_hash(ROLES)).await;
    assert!(by_hash_only["data"]["roles"].is_array(), "{by_hash_only}");

    let (status, _) = get(&app, &token, CREATE_WAREHOUSE).await;
    assert_eq!(status, 405, "a mutation named by hash is still a mutation");
    let mut db = app.db().await;
    let created: i64 = sqlx::query_scalar("SELECT count(*) FROM warehouses")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(created, 0, "the GET did not create anything");
}

#[tokio::test]
async fn a_subscription_named_by_hash_streams_over_the_socket_in_required_mode() {
    let app = app_with_manifest(true).await;
    let token = admin_token(&app).await;
    let mut socket = Socket::open(app.port, &token).await;
    socket
        .send(json!({"id": "unknown", "type": "subscribe", "payload": {"query": "", "extensions": by_hash("subscription { userEvents { userId } }")["extensions"]}}))
        .await;
    match socket.next(Duration::from_secs(10)).await {
        Received::Message(message) => {
            // async-graphql reports a subscription's request errors as a `next` carrying them.
            assert_eq!(message["type"], "next", "{message}");
            assert_eq!(
                message["payload"]["errors"][0]["extensions"]["code"], "PERSISTED_QUERY_NOT_FOUND",
                "{message}"
            );
        }
        other => panic!("expected an error, got {other:?}"),
    }
    socket
        .send(json!({"id": "1", "type": "subscribe", "payload": {"query": "", "extensions": by_hash(USER_EVENTS)["extensions"]}}))
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.create_user(Role::Viewer).await;
    let payload = socket.next_data("1", Duration::from_secs(20)).await;
    assert_eq!(
        payload["data"]["userEvents"]["eventType"], "klang.users.user_created.v1",
        "{payload}"
    );
}

#[tokio::test]
async fn every_committed_manifest_validates_against_the_schema() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let app = spawn_app_with(TestConfig::default()).await;
    for manifest in klang::config::DEFAULT_PERSISTED_DOCUMENTS.split(',') {
        let path = root.join(manifest);
        if !path.exists() {
            continue;
        }
        let entries: serde_json::Map<String, Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(!entries.is_empty(), "{manifest} lists nothing");
        for (hash, document) in entries {
            // Run without variables or a token: a valid document fails only in its fields (errors with a
            // path); a document the schema no longer accepts fails validation as a whole (no path).
            let response = app.gql(None, document.as_str().unwrap(), json!({})).await;
            // A subscription passes validation before HTTP says it cannot stream it.
            let errors = response["errors"].as_array().cloned().unwrap_or_default();
            assert!(
                errors.iter().all(|error| error["path"].is_array()
                    || error["message"] == "Subscriptions are not supported on this transport."),
                "{manifest} {hash} does not validate: {response}"
            );
        }
    }
}
