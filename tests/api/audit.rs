//! Usage history: recorded for successes and failures, searchable, and refused change by the database.

use klang::platform::auth::Role;
use serde_json::json;

use crate::helpers::{error_code, spawn_app};

const PASSWORD: &str = "Test-password-2026";
const AUDIT: &str = "query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 50) {
    edges { node { action outcome errorCode entityType entityId before after details actor { email } requestId ip } } } }";

#[tokio::test]
async fn successes_and_failures_are_recorded_and_searchable() {
    let app = spawn_app().await;
    let admin_email = app.create_user(Role::Admin).await;
    let admin = app.sign_in(&admin_email, PASSWORD).await;
    let token = Some(admin.access_token.as_str());
    let new_id = app
        .create_user_as(&admin.access_token, "new@test.local", "New")
        .await;
    let failed = app.sign_in_raw(&admin_email, "Wrong-password-1").await;
    assert_eq!(error_code(&failed).as_deref(), Some("UNAUTHENTICATED"));

    let history = app
        .gql(
            token,
            AUDIT,
            json!({"filter": {"action": "createUser", "entityId": new_id}}),
        )
        .await;
    let entries = history["data"]["auditLog"]["edges"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{history}");
    let entry = &entries[0]["node"];
    assert_eq!(entry["outcome"], "SUCCESS");
    assert_eq!(entry["actor"]["email"], admin_email);
    assert_eq!(entry["after"]["email"], "new@test.local");
    assert!(entry["after"].get("passwordHash").is_none());
    assert!(entry["requestId"].as_str().is_some_and(|id| !id.is_empty()));
    assert_eq!(entry["ip"], "127.0.0.1");

    let failures = app
        .gql(
            token,
            AUDIT,
            json!({"filter": {"action": "signIn", "outcome": "FAILURE"}}),
        )
        .await;
    let failures = failures["data"]["auditLog"]["edges"].as_array().unwrap();
    assert_eq!(failures.len(), 1);
    let failure = &failures[0]["node"];
    assert_eq!(failure["errorCode"], "UNAUTHENTICATED");
    assert_eq!(failure["details"]["input"]["email"], admin_email);
    assert_eq!(failure["details"]["input"]["password"], "[REDACTED]");

    let sign_ins = app
        .gql(
            token,
            AUDIT,
            json!({"filter": {"action": "signIn", "outcome": "SUCCESS"}}),
        )
        .await;
    assert_eq!(
        sign_ins["data"]["auditLog"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_forbidden_mutation_is_recorded_as_a_failure() {
    let app = spawn_app().await;
    let viewer_email = app.create_user(Role::Viewer).await;
    let viewer = app.sign_in(&viewer_email, PASSWORD).await;
    let refused = app
        .gql(
            Some(&viewer.access_token),
            "mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }",
            json!({"input": {"id": uuid::Uuid::now_v7()}}),
        )
        .await;
    assert_eq!(error_code(&refused).as_deref(), Some("FORBIDDEN"));
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await;
    let history = app
        .gql(
            Some(&admin.access_token),
            AUDIT,
            json!({"filter": {"action": "deactivateUser"}}),
        )
        .await;
    let entries = history["data"]["auditLog"]["edges"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{history}");
    assert_eq!(entries[0]["node"]["errorCode"], "FORBIDDEN");
    assert_eq!(entries[0]["node"]["actor"]["email"], viewer_email);
}

#[tokio::test]
async fn the_database_refuses_to_change_history() {
    let app = spawn_app().await;
    app.create_user(Role::Viewer).await;
    let mut db = app.db().await;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert!(count > 0);
    for statement in [
        "UPDATE audit_log SET action = 'x'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        let error = sqlx::query(statement).execute(&mut db).await.unwrap_err();
        assert!(
            error.to_string().contains("append-only"),
            "{statement}: {error}"
        );
    }
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(after, count);
}
