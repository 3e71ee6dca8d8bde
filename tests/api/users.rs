//! User administration: permissions per role, validation with field paths, pagination.

use klang::platform::auth::Role;
use serde_json::json;

use crate::helpers::{error_code, error_paths, spawn_app};

const PASSWORD: &str = "Test-password-2026";
const CREATE_USER: &str =
    "mutation($input: CreateUserInput!) { createUser(input: $input) { id email roles } }";

fn new_user(email: &str) -> serde_json::Value {
    json!({"input": {"email": email, "displayName": "สมชาย ใจดี", "password": "Strong-pass-2026", "roles": ["VIEWER"]}})
}

#[tokio::test]
async fn every_role_but_admin_is_forbidden_to_manage_users() {
    let app = spawn_app().await;
    let target = app.create_user(Role::Viewer).await;
    let target_id = {
        let tokens = app.sign_in(&target, PASSWORD).await;
        app.me(&tokens.access_token).await["data"]["me"]["id"].clone()
    };
    for role in [
        Role::Manager,
        Role::WarehouseStaff,
        Role::Dispatcher,
        Role::Viewer,
    ] {
        let tokens = app.sign_in(&app.create_user(role).await, PASSWORD).await;
        let token = Some(tokens.access_token.as_str());
        let created = app.gql(token, CREATE_USER, new_user("x@test.local")).await;
        assert_eq!(
            error_code(&created).as_deref(),
            Some("FORBIDDEN"),
            "{role:?}: {created}"
        );
        let deactivated = app
            .gql(
                token,
                "mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }",
                json!({"input": {"id": target_id}}),
            )
            .await;
        assert_eq!(
            error_code(&deactivated).as_deref(),
            Some("FORBIDDEN"),
            "{role:?}"
        );
        let assigned = app
            .gql(
                token,
                "mutation($input: AssignRolesInput!) { assignRoles(input: $input) { id } }",
                json!({"input": {"userId": target_id, "roles": ["ADMIN"]}}),
            )
            .await;
        assert_eq!(
            error_code(&assigned).as_deref(),
            Some("FORBIDDEN"),
            "{role:?}"
        );
        let audit = app
            .gql(token, "{ auditLog { edges { cursor } } }", json!({}))
            .await;
        let expected = if role == Role::Manager {
            None
        } else {
            Some("FORBIDDEN")
        };
        assert_eq!(error_code(&audit).as_deref(), expected, "{role:?}: {audit}");
    }
    let anonymous = app.gql(None, CREATE_USER, new_user("y@test.local")).await;
    assert_eq!(error_code(&anonymous).as_deref(), Some("UNAUTHENTICATED"));
}

#[tokio::test]
async fn an_admin_creates_updates_and_assigns_roles() {
    let app = spawn_app().await;
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await;
    let token = Some(admin.access_token.as_str());
    let created = app
        .gql(token, CREATE_USER, new_user("Somchai@Example.co.th"))
        .await;
    let user = &created["data"]["createUser"];
    assert_eq!(user["email"], "somchai@example.co.th", "{created}");
    assert_eq!(user["roles"], json!(["VIEWER"]));
    let duplicate = app
        .gql(token, CREATE_USER, new_user("somchai@example.co.th"))
        .await;
    assert_eq!(error_code(&duplicate).as_deref(), Some("CONFLICT"));
    assert_eq!(error_paths(&duplicate), ["input.email"]);

    let updated = app
        .gql(
            token,
            "mutation($input: UpdateUserInput!) { updateUser(input: $input) { displayName } }",
            json!({"input": {"id": user["id"], "displayName": "สมชาย รักดี"}}),
        )
        .await;
    assert_eq!(updated["data"]["updateUser"]["displayName"], "สมชาย รักดี");
    let assigned = app
        .gql(
            token,
            "mutation($input: AssignRolesInput!) { assignRoles(input: $input) { roles permissions } }",
            json!({"input": {"userId": user["id"], "roles": ["WAREHOUSE_STAFF", "DISPATCHER"]}}),
        )
        .await;
    assert_eq!(
        assigned["data"]["assignRoles"]["roles"],
        json!(["DISPATCHER", "WAREHOUSE_STAFF"]),
        "{assigned}"
    );
    assert!(
        assigned["data"]["assignRoles"]["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("STOCK_MOVE"))
    );
}

#[tokio::test]
async fn invalid_input_reports_every_bad_field_by_path() {
    let app = spawn_app().await;
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await;
    let response = app
        .gql(
            Some(&admin.access_token),
            CREATE_USER,
            json!({"input": {"email": "not-an-email", "displayName": "", "password": "x", "roles": []}}),
        )
        .await;
    assert_eq!(error_code(&response).as_deref(), Some("BAD_USER_INPUT"));
    assert_eq!(
        error_paths(&response),
        [
            "input.displayName",
            "input.email",
            "input.password",
            "input.roles"
        ]
    );
    let weak = app
        .gql(
            Some(&admin.access_token),
            CREATE_USER,
            json!({"input": {"email": "ok@test.local", "displayName": "OK", "password": "onlyletters", "roles": ["VIEWER"]}}),
        )
        .await;
    assert_eq!(error_paths(&weak), ["input.password"]);
    assert!(
        weak["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("mix letters"),
        "{weak}"
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let app = spawn_app().await;
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await;
    let id = app.me(&admin.access_token).await["data"]["me"]["id"].clone();
    let response = app
        .gql(
            Some(&admin.access_token),
            "mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }",
            json!({"input": {"id": id}}),
        )
        .await;
    assert_eq!(error_code(&response).as_deref(), Some("CONFLICT"));
}

#[tokio::test]
async fn users_paginate_with_cursors_and_filters() {
    let app = spawn_app().await;
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await;
    for _ in 0..5 {
        app.create_user(Role::Viewer).await;
    }
    let query = "query($first: Int, $after: String, $filter: UserFilter) {
        users(first: $first, after: $after, filter: $filter) {
            edges { cursor node { email roles } } pageInfo { hasNextPage endCursor } } }";
    let token = Some(admin.access_token.as_str());
    let filter = json!({"role": "VIEWER"});
    let first = app
        .gql(token, query, json!({"first": 3, "filter": filter}))
        .await;
    let page = &first["data"]["users"];
    assert_eq!(page["edges"].as_array().map(Vec::len), Some(3), "{first}");
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let second = app
        .gql(
            token,
            query,
            json!({"first": 3, "after": page["pageInfo"]["endCursor"], "filter": filter}),
        )
        .await;
    let page2 = &second["data"]["users"];
    assert_eq!(page2["edges"].as_array().map(Vec::len), Some(2), "{second}");
    assert_eq!(page2["pageInfo"]["hasNextPage"], false);
    let too_big = app.gql(token, query, json!({"first": 1000})).await;
    assert_eq!(error_code(&too_big).as_deref(), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn a_role_change_takes_effect_at_once_on_every_instance_without_signing_out() {
    let app = spawn_app().await;
    let other = app.second_instance().await;
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await
        .access_token;
    let manager_email = app.create_user(Role::Manager).await;
    let manager = app.sign_in(&manager_email, PASSWORD).await;
    let manager_id = app.me(&manager.access_token).await["data"]["me"]["id"].clone();
    let create_warehouse = |code: &str| {
        json!({"query": "mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id } }",
               "variables": {"input": {"code": code, "nameTh": "คลังทดสอบ"}}})
    };
    let post = |instance: &crate::helpers::TestApp, token: &str, body: serde_json::Value| {
        let request = instance
            .client
            .post(format!("{}/graphql", instance.address))
            .bearer_auth(token)
            .json(&body);
        async move {
            request
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let allowed = post(&other, &manager.access_token, create_warehouse("RL-1")).await;
    assert!(
        allowed["data"]["createWarehouse"]["id"].is_string(),
        "{allowed}"
    );

    let demoted = app
        .gql(
            Some(&admin),
            "mutation($input: AssignRolesInput!) { assignRoles(input: $input) { roles } }",
            json!({"input": {"userId": manager_id, "roles": ["VIEWER"]}}),
        )
        .await;
    assert_eq!(
        demoted["data"]["assignRoles"]["roles"],
        json!(["VIEWER"]),
        "{demoted}"
    );

    // The token issued with MANAGER is refused at once here, and on the other instance once its event arrives.
    let here = post(&app, &manager.access_token, create_warehouse("RL-2")).await;
    assert_eq!(
        error_code(&here).as_deref(),
        Some("UNAUTHENTICATED"),
        "{here}"
    );
    let mut there = serde_json::Value::Null;
    for _ in 0..100 {
        there = post(&other, &manager.access_token, create_warehouse("RL-3")).await;
        if error_code(&there).as_deref() == Some("UNAUTHENTICATED") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        error_code(&there).as_deref(),
        Some("UNAUTHENTICATED"),
        "{there}"
    );

    // The session lives on: a refresh gives a token with the new roles, which reads but may not write.
    let refreshed = app.refresh_raw(&manager.refresh_token).await;
    let token = refreshed["data"]["refreshSession"]["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("{refreshed}"))
        .to_owned();
    let me = app.me(&token).await;
    assert_eq!(me["data"]["me"]["roles"], json!(["VIEWER"]), "{me}");
    let refused = post(&other, &token, create_warehouse("RL-4")).await;
    assert_eq!(
        error_code(&refused).as_deref(),
        Some("FORBIDDEN"),
        "{refused}"
    );
}
