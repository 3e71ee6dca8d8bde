//! A minimal graphql-transport-ws client for tests.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::{
    MaybeTlsStream, WebSocketStream, client_async,
    tungstenite::{Message, client::IntoClientRequest, http::HeaderValue},
};

/// An open socket.
pub struct Socket {
    stream: WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>,
    /// Server pings answered with a pong so far.
    pub pings_answered: usize,
}

/// What the server sent next.
#[derive(Debug)]
pub enum Received {
    /// A protocol message.
    Message(Value),
    /// The server closed with this code and reason.
    Closed(u16, String),
}

impl Socket {
    /// Connects with the graphql-transport-ws subprotocol (no init yet).
    pub async fn connect(port: u16) -> Self {
        Self::connect_with_receive_buffer(port, None).await
    }

    /// Connects with the kernel's receive buffer of this socket set to `bytes` (a small one makes a client
    /// that stops reading stall the server's writes quickly).
    pub async fn connect_with_receive_buffer(port: u16, bytes: Option<u32>) -> Self {
        let mut request = format!("ws://127.0.0.1:{port}/graphql/ws")
            .into_client_request()
            .expect("request");
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            HeaderValue::from_static("graphql-transport-ws"),
        );
        let tcp = tokio::net::TcpSocket::new_v4().expect("socket");
        if let Some(bytes) = bytes {
            tcp.set_recv_buffer_size(bytes).expect("receive buffer");
        }
        let tcp = tcp
            .connect(([127, 0, 0, 1], port).into())
            .await
            .expect("TCP connects");
        let (stream, _) = client_async(request, MaybeTlsStream::Plain(tcp))
            .await
            .expect("socket connects");
        Self {
            stream,
            pings_answered: 0,
        }
    }

    /// Connects and authenticates; panics unless acknowledged.
    pub async fn open(port: u16, access_token: &str) -> Self {
        Self::open_with_receive_buffer(port, access_token, None).await
    }

    /// As [`Socket::open`], with the receive buffer of [`Socket::connect_with_receive_buffer`].
    pub async fn open_with_receive_buffer(
        port: u16,
        access_token: &str,
        bytes: Option<u32>,
    ) -> Self {
        let mut socket = Self::connect_with_receive_buffer(port, bytes).await;
        socket
            .send(json!({"type": "connection_init", "payload": {"accessToken": access_token}}))
            .await;
        match socket.next(Duration::from_secs(10)).await {
            Received::Message(message) if message["type"] == "connection_ack" => socket,
            other => panic!("expected connection_ack, got {other:?}"),
        }
    }

    /// Sends a protocol message.
    pub async fn send(&mut self, message: Value) {
        self.stream
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("send");
    }

    /// Sends raw text, as a hostile client might.
    pub async fn send_text(&mut self, text: &str) {
        self.stream
            .send(Message::Text(text.to_owned().into()))
            .await
            .expect("send");
    }

    /// Starts an operation with id `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(json!({"id": id, "type": "subscribe", "payload": {"query": query, "variables": variables}}))
            .await;
    }

    /// The next message or close, skipping pings; panics after `within`.
    pub async fn next(&mut self, within: Duration) -> Received {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let message = tokio::time::timeout_at(deadline, self.stream.next())
                .await
                .expect("the server said something in time");
            match message {
                Some(Ok(Message::Text(text))) => {
                    let value: Value = serde_json::from_str(&text).expect("JSON message");
                    if value["type"] == "ping" {
                        self.send(json!({"type": "pong"})).await;
                        self.pings_answered += 1;
                        continue;
                    }
                    return Received::Message(value);
                }
                Some(Ok(Message::Close(frame))) => {
                    return frame.map_or(Received::Closed(1005, String::new()), |frame| {
                        Received::Closed(frame.code.into(), frame.reason.to_string())
                    });
                }
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return Received::Closed(1006, String::new()),
            }
        }
    }

    /// The next `next` payload of operation `id`, skipping others.
    pub async fn next_data(&mut self, id: &str, within: Duration) -> Value {
        loop {
            match self.next(within).await {
                Received::Message(message) if message["id"] == id && message["type"] == "next" => {
                    return message["payload"].clone();
                }
                Received::Message(_) => continue,
                Received::Closed(code, reason) => panic!("closed {code} {reason}"),
            }
        }
    }
}
