//! Resumable subscriptions: after a reconnect with the last event id seen, every later event arrives once, in
//! order, first from the replay window and then live, even while changes keep coming.

use std::time::Duration;

use serde_json::{Value, json};

use crate::{
    helpers::{
        error_code,
        ws::{Received, Socket},
    },
    inventory::{Stock, stock},
};

const CHANGES: &str = "subscription($productId: UUID, $after: UUID) {
    stockChanged(productId: $productId, after: $after) { eventId movement { onHandAfter } } }";

async fn receive_one(s: &Stock) {
    s.ok("receiveStock", json!({"quantity": 1})).await;
}

/// The next change on operation `id`: (event id, on hand after it).
async fn next_change(socket: &mut Socket, id: &str) -> (String, i64) {
    let payload = socket.next_data(id, Duration::from_secs(20)).await;
    let change = &payload["data"]["stockChanged"];
    (
        change["eventId"]
            .as_str()
            .unwrap_or_else(|| panic!("{payload}"))
            .to_owned(),
        change["movement"]["onHandAfter"].as_i64().unwrap(),
    )
}

async fn subscribe(s: &Stock, after: Option<&str>) -> Socket {
    let mut socket = Socket::open(s.app.port, &s.manager).await;
    socket
        .subscribe(
            "1",
            CHANGES,
            json!({"productId": s.product, "after": after}),
        )
        .await;
    // Give the subscription a moment to be registered before the changes it should see live.
    tokio::time::sleep(Duration::from_millis(200)).await;
    socket
}

#[tokio::test]
async fn a_resumed_subscription_gets_every_missed_change_once_in_order_then_live_ones() {
    let s = stock().await;
    let mut first = subscribe(&s, None).await;
    let mut seen = Vec::new();
    for _ in 0..5 {
        receive_one(&s).await;
        seen.push(next_change(&mut first, "1").await);
    }
    assert_eq!(
        seen.iter().map(|(_, on_hand)| *on_hand).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    drop(first);
    // The client "saw" up to on hand 3 when its connection dropped; 4 and 5 were lost in flight.
    let last_seen = seen[2].0.clone();

    let writer = async {
        for _ in 0..15 {
            receive_one(&s).await;
        }
    };
    let reader = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let mut resumed = subscribe(&s, Some(&last_seen)).await;
        let mut on_hands = Vec::new();
        while on_hands.last() != Some(&20) {
            on_hands.push(next_change(&mut resumed, "1").await.1);
        }
        (resumed, on_hands)
    };
    let ((), (mut resumed, on_hands)) = tokio::join!(writer, reader);
    assert_eq!(
        on_hands,
        (4..=20).collect::<Vec<i64>>(),
        "no gap, no duplicate, in order"
    );
    receive_one(&s).await;
    assert_eq!(
        next_change(&mut resumed, "1").await.1,
        21,
        "then live, nothing repeated"
    );
}

#[tokio::test]
async fn resuming_after_an_event_outside_the_window_asks_the_client_to_reload() {
    let s = stock().await;
    let mut socket = subscribe(&s, None).await;
    receive_one(&s).await;
    let (old, _) = next_change(&mut socket, "1").await;
    receive_one(&s).await;
    let (newest, _) = next_change(&mut socket, "1").await;
    drop(socket);

    let pruned = klang::platform::replay::prune(&s.app.state.pool, Duration::ZERO)
        .await
        .unwrap();
    assert!(pruned >= 1, "events older than the window are deleted");
    for after in [old, uuid::Uuid::now_v7().to_string()] {
        let mut socket = Socket::open(s.app.port, &s.manager).await;
        socket
            .subscribe(
                "1",
                CHANGES,
                json!({"productId": s.product, "after": after}),
            )
            .await;
        match socket.next(Duration::from_secs(10)).await {
            Received::Message(message) => {
                let errors: &Value = if message["type"] == "error" {
                    &message["payload"]
                } else {
                    &message["payload"]["errors"]
                };
                assert_eq!(
                    error_code(&json!({"errors": errors})).as_deref(),
                    Some("EVENT_NOT_RETAINED"),
                    "{message}"
                );
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }
    // The newest event is never pruned: numbering continues from it, and resuming after it works.
    let mut resumed = subscribe(&s, Some(&newest)).await;
    receive_one(&s).await;
    assert_eq!(next_change(&mut resumed, "1").await.1, 3);
}
