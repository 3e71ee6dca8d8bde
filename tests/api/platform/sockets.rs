//! WebSocket authentication: refused at init, closed at token expiry unless renewed, closed on revocation.

use std::time::Duration;

use klang::platform::auth::Role;
use serde_json::json;

use crate::helpers::{
    TestConfig, spawn_app, spawn_app_with,
    ws::{Received, Socket},
};

const PASSWORD: &str = "Test-password-2026";

#[tokio::test]
async fn a_bad_token_at_init_is_refused_with_4403() {
    let app = spawn_app().await;
    let mut socket = Socket::connect(app.port).await;
    socket
        .send(json!({"type": "connection_init", "payload": {"accessToken": "not-a-token"}}))
        .await;
    match socket.next(Duration::from_secs(5)).await {
        Received::Closed(code, reason) => {
            assert_eq!(code, 4403);
            assert!(reason.starts_with("Forbidden"), "{reason}");
        }
        other => panic!("expected a close, got {other:?}"),
    }
}

#[tokio::test]
async fn the_socket_closes_when_its_token_expires() {
    let app = spawn_app_with(TestConfig::default().with("ACCESS_TOKEN_TTL_SECONDS", 2)).await;
    let tokens = app
        .sign_in(&app.create_user(Role::Viewer).await, PASSWORD)
        .await;
    let mut socket = Socket::open(app.port, &tokens.access_token).await;
    match socket.next(Duration::from_secs(6)).await {
        Received::Closed(code, reason) => {
            assert_eq!(code, 4419);
            assert_eq!(reason, "Access token expired");
        }
        other => panic!("expected a close, got {other:?}"),
    }
}

#[tokio::test]
async fn renewing_over_the_socket_keeps_it_open() {
    let app = spawn_app_with(TestConfig::default().with("ACCESS_TOKEN_TTL_SECONDS", 3)).await;
    let email = app.create_user(Role::Admin).await;
    let signed_in = app.sign_in_raw(&email, PASSWORD).await;
    let first_token = signed_in["data"]["signIn"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let first_expiry = expiry(&signed_in["data"]["signIn"]["accessTokenExpiresAt"]);
    let refresh_token = signed_in["data"]["signIn"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut socket = Socket::open(app.port, &first_token).await;
    // Expiry times have whole-second precision: a refresh one second later expires at least a second later.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let refreshed = app.refresh_raw(&refresh_token).await;
    let fresh = refreshed["data"]["refreshSession"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    socket
        .subscribe(
            "renew",
            "mutation($input: RenewSocketAuthInput!) { renewSocketAuth(input: $input) { expiresAt } }",
            json!({"input": {"accessToken": fresh}}),
        )
        .await;
    let renewed = socket.next_data("renew", Duration::from_secs(5)).await;
    let second_expiry = expiry(&renewed["data"]["renewSocketAuth"]["expiresAt"]);
    assert!(second_expiry > first_expiry, "{renewed}");
    // Past the first token's expiry the socket is still open and usable.
    sleep_until(first_expiry + chrono::Duration::milliseconds(300)).await;
    socket.subscribe("me", "{ me { email } }", json!({})).await;
    let me = socket.next_data("me", Duration::from_secs(5)).await;
    assert_eq!(me["data"]["me"]["email"], email, "{me}");
    // And it closes when the renewed token expires in turn.
    loop {
        match socket.next(Duration::from_secs(6)).await {
            Received::Closed(code, _) => {
                assert_eq!(code, 4419);
                assert!(chrono::Utc::now() >= second_expiry);
                break;
            }
            Received::Message(message) => assert_eq!(message["type"], "complete", "{message}"),
        }
    }
}

fn expiry(value: &serde_json::Value) -> chrono::DateTime<chrono::Utc> {
    value
        .as_str()
        .expect("a timestamp")
        .parse()
        .expect("RFC 3339")
}

async fn sleep_until(moment: chrono::DateTime<chrono::Utc>) {
    if let Ok(wait) = (moment - chrono::Utc::now()).to_std() {
        tokio::time::sleep(wait).await;
    }
}

#[tokio::test]
async fn a_token_of_another_session_cannot_renew_a_socket() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    let first = app.sign_in(&email, PASSWORD).await;
    let second = app.sign_in(&email, PASSWORD).await;
    let mut socket = Socket::open(app.port, &first.access_token).await;
    socket
        .subscribe(
            "renew",
            "mutation($input: RenewSocketAuthInput!) { renewSocketAuth(input: $input) { expiresAt } }",
            json!({"input": {"accessToken": second.access_token}}),
        )
        .await;
    let refused = socket.next_data("renew", Duration::from_secs(5)).await;
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{refused}"
    );
}

#[tokio::test]
async fn signing_out_closes_the_sessions_sockets_at_once() {
    let app = spawn_app().await;
    let tokens = app
        .sign_in(&app.create_user(Role::Viewer).await, PASSWORD)
        .await;
    let mut socket = Socket::open(app.port, &tokens.access_token).await;
    app.gql(
        Some(&tokens.access_token),
        "mutation { signOut { sessionsEnded } }",
        json!({}),
    )
    .await;
    match socket.next(Duration::from_secs(20)).await {
        Received::Closed(code, reason) => {
            assert_eq!(code, 4403);
            assert_eq!(reason, "Forbidden: session revoked");
        }
        other => panic!("expected a close, got {other:?}"),
    }
}

async fn closed_with(socket: &mut Socket) -> u16 {
    loop {
        match socket.next(Duration::from_secs(5)).await {
            Received::Closed(code, _) => return code,
            Received::Message(_) => continue,
        }
    }
}

#[tokio::test]
async fn protocol_violations_close_with_the_specified_codes() {
    let app = spawn_app().await;
    let tokens = app
        .sign_in(&app.create_user(Role::Viewer).await, PASSWORD)
        .await;

    let mut raw = Socket::connect(app.port).await;
    raw.send_text("{ not json \u{0000} ข้อความ 🙂").await;
    assert_eq!(closed_with(&mut raw).await, 4400);

    let mut early = Socket::connect(app.port).await;
    early.subscribe("1", "{ me { id } }", json!({})).await;
    assert_eq!(closed_with(&mut early).await, 4401);

    let mut twice = Socket::open(app.port, &tokens.access_token).await;
    twice
        .send(json!({"type": "connection_init", "payload": {"accessToken": tokens.access_token}}))
        .await;
    assert_eq!(closed_with(&mut twice).await, 4429);

    let mut duplicate = Socket::open(app.port, &tokens.access_token).await;
    let live = "subscription { stockChanged { level { onHand } } }";
    duplicate.subscribe("same", live, json!({})).await;
    duplicate.subscribe("same", live, json!({})).await;
    assert_eq!(closed_with(&mut duplicate).await, 4409);

    // The service still serves everyone else.
    let mut fine = Socket::open(app.port, &tokens.access_token).await;
    fine.subscribe("me", "{ me { id } }", json!({})).await;
    let me = fine.next_data("me", Duration::from_secs(5)).await;
    assert!(me["data"]["me"]["id"].is_string(), "{me}");
}

#[tokio::test]
async fn open_sockets_close_with_1001_when_the_server_shuts_down() {
    let app = spawn_app().await;
    let token = app
        .sign_in(&app.create_user(Role::Viewer).await, "Test-password-2026")
        .await
        .access_token;
    let mut socket = Socket::open(app.port, &token).await;
    socket
        .subscribe("1", "subscription { stockChanged { eventId } }", json!({}))
        .await;
    app.shut_down();
    assert_eq!(closed_with(&mut socket).await, 1001);
}
