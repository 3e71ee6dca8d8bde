//! End-to-end latency of live stock: a `receiveStock` committed over HTTP, until its `stockChanged` message
//! arrives on a graphql-transport-ws subscription. The path in between: outbox row in the same transaction,
//! `NOTIFY`, the outbox relay, Kafka, the service's live consumer, the subscription's filter, the socket.

use std::time::{Duration, Instant};

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_tungstenite::{
    connect_async,
    tungstenite::{Message, client::IntoClientRequest, http::HeaderValue},
};

use crate::{
    api::Api,
    load::{Samples, Window},
};

const SUBSCRIPTION: &str = "subscription Live($productId: UUID, $warehouseId: UUID) {
  stockChanged(productId: $productId, warehouseId: $warehouseId) { eventId movement { id } } }";

const RECEIVE: &str =
    "mutation Receive($input: MoveStockInput!) { receiveStock(input: $input) { movement { id } } }";

/// How long one event may take before it counts as lost.
const PATIENCE: Duration = Duration::from_secs(10);

/// Latencies of one measured path.
pub struct LatencyRow {
    /// What was measured.
    pub label: &'static str,
    /// The samples.
    pub samples: Samples,
}

/// What the live scenario measured.
pub struct LiveResult {
    /// The measured paths.
    pub rows: Vec<LatencyRow>,
    /// Events that never arrived within [`PATIENCE`].
    pub lost: u64,
    /// Events that arrived before the mutation's HTTP answer did.
    pub early: u64,
}

/// One mutation at a time (so the figures are latency, not queueing): send `receiveStock` of one unit on
/// a level no other scenario touches, note when the answer came, wait for its message.
pub async fn stock_changed(
    api: &Api,
    product: &str,
    warehouse: &str,
    window: Window,
) -> Result<LiveResult, String> {
    let mut events = subscribe(api, product, warehouse).await?;
    let variables =
        json!({"input": {"productId": product, "warehouseId": warehouse, "quantity": 1}});

    // The subscription starts asynchronously: wait until the first event comes through, then warm up.
    let mut started = false;
    for _ in 0..10 {
        let movement = mutate(api, &variables).await?.0;
        if wait_for(&mut events, &movement).await?.is_some() {
            started = true;
            break;
        }
    }
    if !started {
        return Err("no stockChanged message arrived for 10 mutations".to_owned());
    }

    let (mut from_send, mut from_answer, mut round_trips) = (Vec::new(), Vec::new(), Vec::new());
    let (mut lost, mut early) = (0, 0);
    let measure_from = Instant::now() + window.warmup;
    let until = measure_from + window.measure;
    while Instant::now() < until {
        let sent = Instant::now();
        let (movement, answered) = mutate(api, &variables).await?;
        let arrived = wait_for(&mut events, &movement).await?;
        if sent < measure_from {
            continue;
        }
        round_trips.push(answered - sent);
        match arrived {
            Some(arrived) => {
                from_send.push(arrived.saturating_duration_since(sent));
                if arrived < answered {
                    early += 1;
                }
                from_answer.push(arrived.saturating_duration_since(answered));
            }
            None => lost += 1,
        }
    }
    let elapsed = measure_from.elapsed();
    let rows = vec![
        LatencyRow {
            label: "mutation sent → stockChanged message",
            samples: Samples::new(from_send, lost, None, elapsed),
        },
        LatencyRow {
            label: "HTTP answer (committed) → stockChanged message",
            samples: Samples::new(from_answer, lost, None, elapsed),
        },
        LatencyRow {
            label: "receiveStock round trip alone",
            samples: Samples::new(round_trips, 0, None, elapsed),
        },
    ];
    Ok(LiveResult { rows, lost, early })
}

/// Sends the mutation; returns the movement id and when the answer arrived.
async fn mutate(api: &Api, variables: &Value) -> Result<(String, Instant), String> {
    let data = api.call(RECEIVE, variables.clone()).await?;
    let answered = Instant::now();
    let movement = data["receiveStock"]["movement"]["id"]
        .as_str()
        .ok_or("receiveStock returned no movement id")?
        .to_owned();
    Ok((movement, answered))
}

/// Waits for the message about `movement`, skipping others; `None` after [`PATIENCE`].
async fn wait_for(
    events: &mut mpsc::UnboundedReceiver<Result<(String, Instant), String>>,
    movement: &str,
) -> Result<Option<Instant>, String> {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Err(_) => return Ok(None),
            Ok(None) => return Err("the subscription socket closed".to_owned()),
            Ok(Some(Err(error))) => return Err(error),
            Ok(Some(Ok((id, arrived)))) if id == movement => return Ok(Some(arrived)),
            Ok(Some(Ok(_))) => {}
        }
    }
}

/// Opens a graphql-transport-ws socket, authenticates, subscribes, and hands each message's movement id
/// and arrival time to the returned channel (a task answers pings and timestamps as messages arrive, so a
/// message that comes before the mutation's HTTP answer is timed correctly).
async fn subscribe(
    api: &Api,
    product: &str,
    warehouse: &str,
) -> Result<mpsc::UnboundedReceiver<Result<(String, Instant), String>>, String> {
    let url = format!("{}/graphql/ws", api.base().replacen("http", "ws", 1));
    let mut request = url
        .into_client_request()
        .map_err(|error| error.to_string())?;
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        HeaderValue::from_static("graphql-transport-ws"),
    );
    let (mut socket, _) = connect_async(request)
        .await
        .map_err(|error| format!("WebSocket: {error}"))?;
    let send = |message: Value| Message::Text(message.to_string().into());
    socket
        .send(send(
            json!({"type": "connection_init", "payload": {"accessToken": api.token()}}),
        ))
        .await
        .map_err(|error| error.to_string())?;
    let ack = tokio::time::timeout(PATIENCE, socket.next())
        .await
        .map_err(|_| "no connection_ack".to_owned())?;
    match ack {
        Some(Ok(Message::Text(text))) if text.contains("connection_ack") => {}
        other => return Err(format!("expected connection_ack, got {other:?}")),
    }
    socket
        .send(send(json!({"id": "live", "type": "subscribe", "payload": {
            "query": SUBSCRIPTION, "variables": {"productId": product, "warehouseId": warehouse}}})))
        .await
        .map_err(|error| error.to_string())?;

    let (events, received) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(message) = socket.next().await {
            let text = match message {
                Ok(Message::Text(text)) => text,
                Ok(Message::Close(frame)) => {
                    let _ = events.send(Err(format!("socket closed: {frame:?}")));
                    return;
                }
                Ok(_) => continue,
                Err(error) => {
                    let _ = events.send(Err(format!("socket failed: {error}")));
                    return;
                }
            };
            let arrived = Instant::now();
            let Ok(message) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            match message["type"].as_str() {
                Some("next") => {
                    let id = message["payload"]["data"]["stockChanged"]["movement"]["id"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned();
                    if events.send(Ok((id, arrived))).is_err() {
                        return;
                    }
                }
                Some("ping") => {
                    let _ = socket.send(send(json!({"type": "pong"}))).await;
                }
                Some("error" | "complete") => {
                    let _ = events.send(Err(format!("subscription ended: {message}")));
                    return;
                }
                _ => {}
            }
        }
    });
    Ok(received)
}
