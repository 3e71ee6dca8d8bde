//! What a hostile or careless client sends, and that the service answers everyone normally afterwards: text in
//! every script, zero-width and NUL characters, a megabyte variable, and sockets held open beyond the cap.

use std::time::Duration;

use klang::platform::auth::Role;
use serde_json::{Value, json};

use crate::helpers::{
    TestApp, TestConfig, error_code, spawn_app, spawn_app_with,
    ws::{Received, Socket},
};

async fn manager(app: &TestApp) -> String {
    app.sign_in(&app.create_user(Role::Manager).await, "Test-password-2026")
        .await
        .access_token
}

async fn still_serves(app: &TestApp, token: &str) {
    let me = app.me(token).await;
    assert!(
        me["data"]["me"]["id"].is_string(),
        "normal queries still work: {me}"
    );
}

#[tokio::test]
async fn thai_emoji_and_zero_width_text_round_trips_and_nul_is_refused_typed() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    let name = "ข้าวหอมมะลิ🍚\u{200b}ตราช้าง\u{200d}👩‍🌾 ﷽";
    let created = app
        .gql(
            Some(&token),
            "mutation($input: CreateProductInput!) { createProduct(input: $input) { nameTh } }",
            json!({"input": {"sku": "HOSTILE-1", "nameTh": name, "unit": "ถุง", "price": "1"}}),
        )
        .await;
    assert_eq!(
        created["data"]["createProduct"]["nameTh"], name,
        "{created}"
    );

    let in_variable = app
        .gql(
            Some(&token),
            "query($sku: String!) { productBySku(sku: $sku) { id } }",
            json!({"sku": "HOSTILE\u{0}1"}),
        )
        .await;
    assert_eq!(
        error_code(&in_variable).as_deref(),
        Some("BAD_USER_INPUT"),
        "{in_variable}"
    );
    let nested = app
        .gql(
            Some(&token),
            "mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }",
            json!({"input": {"sku": "HOSTILE-2", "nameTh": "ชื่อ\u{0}", "unit": "ถุง", "price": "1"}}),
        )
        .await;
    assert_eq!(
        error_code(&nested).as_deref(),
        Some("BAD_USER_INPUT"),
        "{nested}"
    );
    let in_document = app
        .gql(
            Some(&token),
            "{ productBySku(sku: \"A\\u0000B\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(
        error_code(&in_document).as_deref(),
        Some("BAD_USER_INPUT"),
        "{in_document}"
    );
    still_serves(&app, &token).await;
}

#[tokio::test]
async fn a_megabyte_variable_is_refused_as_json_and_nothing_else_suffers() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&token)
        .json(&json!({"query": "query($sku: String!) { productBySku(sku: $sku) { id } }", "variables": {"sku": "ก".repeat(350_000)}}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        error_code(&body).as_deref(),
        Some("PAYLOAD_TOO_LARGE"),
        "{body}"
    );
    still_serves(&app, &token).await;
}

#[tokio::test]
async fn a_user_may_hold_only_so_many_sockets() {
    let app =
        spawn_app_with(TestConfig::default().with("GRAPHQL_WS_MAX_SOCKETS_PER_USER", 2)).await;
    let token = manager(&app).await;
    let first = Socket::open(app.port, &token).await;
    let _second = Socket::open(app.port, &token).await;
    let mut third = Socket::connect(app.port).await;
    third
        .send(json!({"type": "connection_init", "payload": {"accessToken": token}}))
        .await;
    match third.next(Duration::from_secs(10)).await {
        Received::Closed(code, reason) => {
            assert_eq!(code, 4029, "{reason}");
            assert!(reason.contains("Too many sockets"), "{reason}");
        }
        other => panic!("expected a close, got {other:?}"),
    }
    drop(first);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _again = Socket::open(app.port, &token).await;
}

#[tokio::test]
async fn the_server_pings_and_a_client_that_answers_stays_connected() {
    let app = spawn_app_with(TestConfig::default().with("GRAPHQL_WS_PING_SECONDS", 1)).await;
    let token = manager(&app).await;
    let mut socket = Socket::open(app.port, &token).await;
    socket
        .subscribe("1", "subscription { stockChanged { eventId } }", json!({}))
        .await;
    // Nothing but pings arrives for five intervals: longer than the four-interval silence limit, so the
    // socket survives only because the client answers each ping.
    let quiet =
        tokio::time::timeout(Duration::from_secs(5), socket.next(Duration::from_secs(10))).await;
    assert!(quiet.is_err(), "no message but pings: {quiet:?}");
    assert!(
        socket.pings_answered >= 3,
        "pings answered: {}",
        socket.pings_answered
    );
}

#[tokio::test]
async fn alias_and_field_floods_are_refused_on_their_bytes() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    let aliases: String = (0..5_000)
        .map(|index| format!("a{index}: __typename "))
        .collect();
    let flood = app
        .gql(Some(&token), &format!("{{ {aliases} }}"), json!({}))
        .await;
    assert_eq!(
        error_code(&flood).as_deref(),
        Some("BAD_REQUEST"),
        "{flood}"
    );
    assert!(
        flood["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("uses 5000"),
        "{flood}"
    );
    let fields = "__typename ".repeat(10_000);
    let wide = app
        .gql(Some(&token), &format!("{{ {fields} }}"), json!({}))
        .await;
    assert_eq!(error_code(&wide).as_deref(), Some("BAD_REQUEST"), "{wide}");
    still_serves(&app, &token).await;
}

#[tokio::test]
async fn a_client_that_stops_reading_is_cut_off_and_nothing_piles_up() {
    let s = crate::inventory::stock().await;
    // A small receive window: once the kernel's buffers are full, the server's writes stall.
    let mut socket = Socket::open_with_receive_buffer(s.app.port, &s.manager, Some(4096)).await;
    // Twenty-five aliases of a movement with a 1,000-character Thai note make each message about 75 KB.
    let fields: String = (0..25)
        .map(|n| format!("m{n}: movement {{ id movementType quantity note }} "))
        .collect();
    socket
        .subscribe(
            "stalled",
            &format!("subscription {{ stockChanged {{ {fields} }} }}"),
            json!({}),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    // From here the client reads nothing while 200 changes (about 15 MB of messages, more than the kernel
    // buffers of both ends hold) are made.
    let changes = 200;
    let note = "ก".repeat(1_000);
    for _ in 0..changes {
        s.ok("receiveStock", json!({"quantity": 1, "note": note}))
            .await;
    }
    tokio::time::sleep(klang::graphql::ws::SEND_TIMEOUT + Duration::from_secs(3)).await;

    // What the kernel had buffered still arrives, then the connection ends: the server gave up on the writes
    // instead of queueing the rest.
    let mut delivered = 0;
    loop {
        let next = tokio::time::timeout(
            Duration::from_secs(10),
            socket.next(Duration::from_secs(60)),
        );
        match next.await {
            Ok(Received::Message(message)) if message["type"] == "next" => delivered += 1,
            Ok(Received::Message(message)) => panic!("unexpected {message}"),
            Ok(Received::Closed(..)) => break,
            Err(_) => panic!("still open after {delivered} of {changes} messages"),
        }
    }
    assert!(
        delivered < changes,
        "the stalled socket was cut off after {delivered} of {changes} messages"
    );
    still_serves(&s.app, &s.manager).await;
}
