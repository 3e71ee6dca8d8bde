//! Sign-in, refresh rotation and reuse detection, expiry, sign-out, deactivation and the cookie routes.

use std::time::Duration;

use klang::platform::auth::Role;
use serde_json::json;

use crate::helpers::{TestConfig, error_code, spawn_app, spawn_app_with};

const PASSWORD: &str = "Test-password-2026";

#[tokio::test]
async fn sign_in_then_me_returns_the_user_with_roles() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Manager).await;
    let tokens = app.sign_in(&email, PASSWORD).await;
    let me = app.me(&tokens.access_token).await;
    assert_eq!(me["data"]["me"]["email"], email);
    assert_eq!(me["data"]["me"]["roles"], json!(["MANAGER"]));
}

#[tokio::test]
async fn wrong_password_and_unknown_email_say_the_same_thing() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    let wrong = app.sign_in_raw(&email, "Wrong-password-1").await;
    let unknown = app.sign_in_raw("nobody@test.local", PASSWORD).await;
    assert_eq!(error_code(&wrong).as_deref(), Some("UNAUTHENTICATED"));
    assert_eq!(error_code(&unknown).as_deref(), Some("UNAUTHENTICATED"));
    assert_eq!(
        wrong["errors"][0]["message"],
        unknown["errors"][0]["message"]
    );
    assert!(wrong["data"].is_null(), "{wrong}");
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_account_with_a_retry_hint() {
    let app = spawn_app_with(TestConfig::default().with("SIGN_IN_LIMIT_PER_ACCOUNT", 3)).await;
    let email = app.create_user(Role::Viewer).await;
    for _ in 0..3 {
        let response = app.sign_in_raw(&email, "Wrong-password-1").await;
        assert_eq!(error_code(&response).as_deref(), Some("UNAUTHENTICATED"));
    }
    let limited = app.sign_in_raw(&email, PASSWORD).await;
    assert_eq!(
        error_code(&limited).as_deref(),
        Some("RATE_LIMITED"),
        "{limited}"
    );
    let retry_after = limited["errors"][0]["extensions"]["retryAfterSeconds"].as_u64();
    assert!(retry_after.is_some_and(|seconds| seconds >= 1), "{limited}");
    let other = app.create_user(Role::Viewer).await;
    app.sign_in(&other, PASSWORD).await;
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_ip() {
    let app = spawn_app_with(TestConfig::default().with("SIGN_IN_LIMIT_PER_IP", 2)).await;
    let first = app.create_user(Role::Viewer).await;
    let second = app.create_user(Role::Viewer).await;
    app.sign_in(&first, PASSWORD).await;
    app.sign_in(&second, PASSWORD).await;
    let limited = app.sign_in_raw(&first, PASSWORD).await;
    assert_eq!(error_code(&limited).as_deref(), Some("RATE_LIMITED"));
}

#[tokio::test]
async fn refresh_rotates_and_reusing_an_old_token_revokes_the_session() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    let first = app.sign_in(&email, PASSWORD).await;
    let rotated = app.refresh_raw(&first.refresh_token).await;
    let second_refresh = rotated["data"]["refreshSession"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let second_access = rotated["data"]["refreshSession"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(second_refresh, first.refresh_token);
    assert!(app.me(&second_access).await["data"]["me"].is_object());

    let reused = app.refresh_raw(&first.refresh_token).await;
    assert_eq!(
        error_code(&reused).as_deref(),
        Some("UNAUTHENTICATED"),
        "{reused}"
    );
    // The whole family is gone: the newest refresh token and the live access token both stop working.
    let after = app.refresh_raw(&second_refresh).await;
    assert_eq!(error_code(&after).as_deref(), Some("UNAUTHENTICATED"));
    let me = app.me(&second_access).await;
    assert_eq!(error_code(&me).as_deref(), Some("UNAUTHENTICATED"), "{me}");

    let mut db = app.db().await;
    let recorded: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'security.refreshTokenReused'",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert_eq!(recorded, 1);
}

#[tokio::test]
async fn an_expired_access_token_is_refused_and_refresh_recovers() {
    let app = spawn_app_with(TestConfig::default().with("ACCESS_TOKEN_TTL_SECONDS", 1)).await;
    let email = app.create_user(Role::Viewer).await;
    let tokens = app.sign_in(&email, PASSWORD).await;
    assert!(app.me(&tokens.access_token).await["data"]["me"].is_object());
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let expired = app.me(&tokens.access_token).await;
    assert_eq!(error_code(&expired).as_deref(), Some("UNAUTHENTICATED"));
    assert_eq!(expired["errors"][0]["message"], "access token expired");
    let refreshed = app.refresh_raw(&tokens.refresh_token).await;
    let access = refreshed["data"]["refreshSession"]["accessToken"]
        .as_str()
        .unwrap();
    assert!(app.me(access).await["data"]["me"].is_object());
}

#[tokio::test]
async fn an_expired_refresh_token_is_refused() {
    let app = spawn_app_with(
        TestConfig::default()
            .with("ACCESS_TOKEN_TTL_SECONDS", 1)
            .with("REFRESH_TOKEN_TTL_SECONDS", 2),
    )
    .await;
    let email = app.create_user(Role::Viewer).await;
    let tokens = app.sign_in(&email, PASSWORD).await;
    tokio::time::sleep(Duration::from_millis(2200)).await;
    let refused = app.refresh_raw(&tokens.refresh_token).await;
    assert_eq!(
        error_code(&refused).as_deref(),
        Some("UNAUTHENTICATED"),
        "{refused}"
    );
}

#[tokio::test]
async fn sign_out_stops_a_live_access_token_at_once() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    let tokens = app.sign_in(&email, PASSWORD).await;
    let other_device = app.sign_in(&email, PASSWORD).await;
    let signed_out = app
        .gql(
            Some(&tokens.access_token),
            "mutation { signOut { sessionsEnded } }",
            json!({}),
        )
        .await;
    assert_eq!(signed_out["data"]["signOut"]["sessionsEnded"], 1);
    assert_eq!(
        error_code(&app.me(&tokens.access_token).await).as_deref(),
        Some("UNAUTHENTICATED")
    );
    assert_eq!(
        error_code(&app.refresh_raw(&tokens.refresh_token).await).as_deref(),
        Some("UNAUTHENTICATED")
    );
    // Other devices stay signed in.
    assert!(app.me(&other_device.access_token).await["data"]["me"].is_object());
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    let first = app.sign_in(&email, PASSWORD).await;
    let second = app.sign_in(&email, PASSWORD).await;
    let response = app
        .gql(
            Some(&first.access_token),
            "mutation { signOutEverywhere { sessionsEnded } }",
            json!({}),
        )
        .await;
    assert_eq!(response["data"]["signOutEverywhere"]["sessionsEnded"], 2);
    assert_eq!(
        error_code(&app.me(&second.access_token).await).as_deref(),
        Some("UNAUTHENTICATED")
    );
}

#[tokio::test]
async fn my_sessions_lists_and_revokes_a_session() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    let laptop = app.sign_in(&email, PASSWORD).await;
    let phone = app.sign_in(&email, PASSWORD).await;
    let sessions = app
        .gql(
            Some(&laptop.access_token),
            "{ mySessions { id current } }",
            json!({}),
        )
        .await;
    let list = sessions["data"]["mySessions"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    let other = list.iter().find(|s| s["current"] == false).unwrap()["id"].clone();
    let revoked = app
        .gql(
            Some(&laptop.access_token),
            "mutation($input: RevokeSessionInput!) { revokeSession(input: $input) { sessionsEnded } }",
            json!({"input": {"sessionId": other}}),
        )
        .await;
    assert_eq!(
        revoked["data"]["revokeSession"]["sessionsEnded"], 1,
        "{revoked}"
    );
    assert_eq!(
        error_code(&app.me(&phone.access_token).await).as_deref(),
        Some("UNAUTHENTICATED")
    );
}

#[tokio::test]
async fn change_password_requires_the_current_one_and_ends_other_sessions() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    let here = app.sign_in(&email, PASSWORD).await;
    let elsewhere = app.sign_in(&email, PASSWORD).await;
    let query = "mutation($input: ChangePasswordInput!) { changePassword(input: $input) { id } }";
    let wrong = app
        .gql(
            Some(&here.access_token),
            query,
            json!({"input": {"currentPassword": "nope", "newPassword": "New-password-2026"}}),
        )
        .await;
    assert_eq!(error_code(&wrong).as_deref(), Some("BAD_USER_INPUT"));
    let weak = app
        .gql(
            Some(&here.access_token),
            query,
            json!({"input": {"currentPassword": PASSWORD, "newPassword": "short"}}),
        )
        .await;
    assert_eq!(crate::helpers::error_paths(&weak), ["input.newPassword"]);
    let changed = app
        .gql(
            Some(&here.access_token),
            query,
            json!({"input": {"currentPassword": PASSWORD, "newPassword": "New-password-2026"}}),
        )
        .await;
    assert!(
        changed["data"]["changePassword"]["id"].is_string(),
        "{changed}"
    );
    assert!(app.me(&here.access_token).await["data"]["me"].is_object());
    assert_eq!(
        error_code(&app.me(&elsewhere.access_token).await).as_deref(),
        Some("UNAUTHENTICATED")
    );
    app.sign_in(&email, "New-password-2026").await;
}

#[tokio::test]
async fn a_deactivated_user_cannot_sign_in_refresh_or_use_a_token() {
    let app = spawn_app().await;
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await;
    let email = app.create_user(Role::Viewer).await;
    let victim = app.sign_in(&email, PASSWORD).await;
    let id = app.me(&victim.access_token).await["data"]["me"]["id"].clone();
    let response = app
        .gql(
            Some(&admin.access_token),
            "mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { isActive } }",
            json!({"input": {"id": id}}),
        )
        .await;
    assert_eq!(
        response["data"]["deactivateUser"]["isActive"], false,
        "{response}"
    );
    assert_eq!(
        error_code(&app.me(&victim.access_token).await).as_deref(),
        Some("UNAUTHENTICATED")
    );
    assert_eq!(
        error_code(&app.refresh_raw(&victim.refresh_token).await).as_deref(),
        Some("UNAUTHENTICATED")
    );
    let again = app.sign_in_raw(&email, PASSWORD).await;
    assert_eq!(error_code(&again).as_deref(), Some("UNAUTHENTICATED"));
    assert_eq!(again["errors"][0]["message"], "this account is deactivated");
}

#[tokio::test]
async fn the_browser_cookie_refreshes_and_signs_out_with_csrf_protection() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({"query": "mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }",
                      "variables": {"input": {"email": email, "password": PASSWORD}}}))
        .send()
        .await
        .unwrap();
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly")
            && set_cookie.contains("SameSite=Strict")
            && set_cookie.contains("Path=/auth")
    );
    let cookie = set_cookie.split(';').next().unwrap().to_owned();

    let without_header = app
        .client
        .post(format!("{}/auth/refresh", app.address))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(without_header.status(), 403);

    let foreign = app
        .client
        .post(format!("{}/auth/refresh", app.address))
        .header("cookie", &cookie)
        .header("x-klang-csrf", "1")
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);

    let refreshed = app
        .client
        .post(format!("{}/auth/refresh", app.address))
        .header("cookie", &cookie)
        .header("x-klang-csrf", "1")
        .header("origin", "http://localhost:3000")
        .send()
        .await
        .unwrap();
    assert_eq!(refreshed.status(), 200);
    let new_cookie = refreshed.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let body: serde_json::Value = refreshed.json().await.unwrap();
    let access = body["accessToken"].as_str().unwrap().to_owned();
    assert!(app.me(&access).await["data"]["me"].is_object());
    assert_ne!(new_cookie, cookie);

    let signed_out = app
        .client
        .post(format!("{}/auth/sign-out", app.address))
        .header("cookie", &new_cookie)
        .header("x-klang-csrf", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), 204);
    assert!(
        signed_out.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(
        error_code(&app.me(&access).await).as_deref(),
        Some("UNAUTHENTICATED")
    );
}
