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
        // TRUNCATE meets the seals' foreign key before the trigger: refused either way.
        let refusal = error.to_string();
        assert!(
            refusal.contains("append-only") || refusal.contains("foreign key"),
            "{statement}: {error}"
        );
    }
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(after, count);
}

#[tokio::test]
async fn the_hash_chain_seals_every_row_and_names_the_first_changed_one() {
    use klang::audit::seal::{seal_pending, verify};

    let app = spawn_app().await;
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await;
    for n in 0..3 {
        app.create_user_as(
            &admin.access_token,
            &format!("chain-{n}@test.local"),
            "Chain",
        )
        .await;
    }
    seal_pending(&app.state.pool).await.unwrap();
    let clean = verify(&app.state.pool).await.unwrap();
    let mut db = app.db().await;
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(clean.sealed, rows, "{clean:?}");
    assert!(clean.sealed >= 5, "{clean:?}");
    assert_eq!((clean.first_break.clone(), clean.unsealed), (None, 0));
    assert_eq!(clean.head.as_deref().map(str::len), Some(64));

    // Someone with the database's keys rewrites the third sealed row behind the service's back.
    let (target, seq): (uuid::Uuid, i64) =
        sqlx::query_as("SELECT audit_id, seq FROM audit_seals ORDER BY seq OFFSET 2 LIMIT 1")
            .fetch_one(&mut db)
            .await
            .unwrap();
    for statement in [
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete".to_owned(),
        format!("UPDATE audit_log SET outcome = 'FAILURE' WHERE id = '{target}'"),
        "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete".to_owned(),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(statement))
            .execute(&mut db)
            .await
            .unwrap();
    }
    let tampered = verify(&app.state.pool).await.unwrap();
    let found = tampered.first_break.expect("the change is found");
    assert_eq!((found.seq, found.audit_id), (seq, target));
    assert_eq!(tampered.sealed, clean.sealed);
}
