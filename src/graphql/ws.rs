//! GraphQL subscriptions over WebSocket (graphql-transport-ws), with authentication that follows the token.
//!
//! The client authenticates in `connection_init` (`{"accessToken": "..."}`). The server ends the socket when
//! that token expires, unless the client has sent `renewSocketAuth` with a fresh token of the same session over
//! the same socket first; a revoked session ends its sockets at once. Close codes:
//!
//! | code | reason | client should |
//! |------|--------|---------------|
//! | 4403 | `Forbidden: ...` (bad token at init, or session revoked) | sign in again |
//! | 4408 | `Connection initialisation timeout` | reconnect |
//! | 4419 | `Access token expired` | reconnect with a fresh token |
//! | 4029 | `Too many sockets` (the user holds `GRAPHQL_WS_MAX_SOCKETS_PER_USER` already) | close another |
//! | 3008 | `timeout` (nothing from the client, not even a pong, for four ping intervals) | reconnect |
//! | 1001 | `Server shutting down` | reconnect (to another instance) and resume with `after` |
//!
//! The server pings every `GRAPHQL_WS_PING_SECONDS`. A client that stops reading is cut off: a message the
//! socket cannot take within [`SEND_TIMEOUT`] ends the connection, so nothing queues up in the server.
//!
//! Protocol violations close with the codes of the graphql-transport-ws specification (see
//! [`super::ws_protocol`]): 4400 invalid message or too many operations, 4401 subscribe before the
//! acknowledgement, 4409 duplicate operation id, 4429 a second `connection_init`.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use async_graphql::{
    Data,
    http::{WebSocket as GraphqlWebSocket, WebSocketProtocols, WsMessage},
};
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use chrono::{DateTime, Utc};
use futures::{SinkExt, StreamExt};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use super::{
    KlangSchema, context::Caller, error::ApiError, loaders::Loaders, ws_protocol::ProtocolGuard,
    ws_sockets::SocketSlot,
};
use crate::{
    platform::auth::Actor, platform::request::RequestMeta, state::AppState, users::events,
};

/// How long a client may take to send `connection_init`.
const INIT_TIMEOUT: Duration = Duration::from_secs(10);
/// Close code: forbidden (refused at init, or session revoked).
pub const CLOSE_FORBIDDEN: u16 = 4403;
/// Close code: no `connection_init` in time.
pub const CLOSE_INIT_TIMEOUT: u16 = 4408;
/// Close code: the access token expired without renewal.
pub const CLOSE_TOKEN_EXPIRED: u16 = 4419;
/// Close code: the user already holds the most sockets allowed.
pub const CLOSE_TOO_MANY_SOCKETS: u16 = 4029;
/// Close code: the server is shutting down.
pub const CLOSE_GOING_AWAY: u16 = 1001;
/// How long one message may take to go out before the reader is deemed too slow.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
struct Identity {
    actor: Actor,
    expires_at: DateTime<Utc>,
}

/// The identity of one open socket, renewable while it is open.
pub struct SocketSession {
    identity: watch::Sender<Option<Identity>>,
    /// The user's claim on this socket, once authenticated.
    slot: Mutex<Option<SocketSlot>>,
    /// The close code for a refused `connection_init`, when not 4403.
    refused_with: Mutex<Option<u16>>,
}

impl SocketSession {
    fn new() -> Arc<Self> {
        Arc::new(Self {
            identity: watch::channel(None).0,
            slot: Mutex::default(),
            refused_with: Mutex::default(),
        })
    }

    /// The actor, while its token is valid.
    pub fn current_actor(&self) -> Result<Actor, ApiError> {
        match &*self.identity.borrow() {
            Some(identity) if identity.expires_at > Utc::now() => Ok(identity.actor.clone()),
            Some(_) => Err(ApiError::unauthenticated("access token expired")),
            None => Err(ApiError::unauthenticated("sign in to use this operation")),
        }
    }

    /// Replaces the socket's token with a fresh one of the same user and session.
    pub async fn renew(
        &self,
        state: &AppState,
        access_token: &str,
    ) -> Result<DateTime<Utc>, ApiError> {
        let current = self.current_actor()?;
        let verified = state.authenticate(access_token).await?;
        if verified.actor.user_id != current.user_id
            || verified.actor.session_id != current.session_id
        {
            return Err(ApiError::unauthenticated(
                "the new token must belong to the same session",
            ));
        }
        let expires_at = verified.expires_at;
        self.identity.send_replace(Some(Identity {
            actor: verified.actor,
            expires_at,
        }));
        Ok(expires_at)
    }

    fn session_id(&self) -> Option<uuid::Uuid> {
        self.identity
            .borrow()
            .as_ref()
            .map(|identity| identity.actor.session_id)
    }
}

/// Serves one upgraded socket until either side ends it.
pub async fn serve(
    schema: KlangSchema,
    state: AppState,
    socket: WebSocket,
    protocol: WebSocketProtocols,
    meta: RequestMeta,
    shutdown: CancellationToken,
) {
    let session = SocketSession::new();
    let (mut sink, stream) = socket.split();
    // The legacy subscriptions-transport-ws protocol has other message types: only graphql-transport-ws is guarded.
    let rules = (protocol == WebSocketProtocols::GraphQLWS).then(ProtocolGuard::default);
    let input_rules = rules.clone();
    let input_session = session.clone();
    let input = stream
        .take_while(|message| {
            std::future::ready(!matches!(message, Ok(Message::Close(_)) | Err(_)))
        })
        .filter_map(move |message| {
            let bytes = match message {
                Ok(Message::Text(text)) => Some(text.as_bytes().to_vec()),
                Ok(Message::Binary(bytes)) => Some(bytes.to_vec()),
                _ => None,
            };
            let admitted = bytes.filter(|bytes| {
                input_rules
                    .as_ref()
                    .is_none_or(|rules| rules.admit(bytes, input_session.session_id().is_some()))
            });
            std::future::ready(admitted)
        });
    let init_session = session.clone();
    let init_state = state.clone();
    let silence = state.config.graphql.ping_interval * 4;
    let mut graphql = GraphqlWebSocket::new(schema, input, protocol)
        .keepalive_timeout(silence)
        .on_connection_init(move |payload| async move {
            let token = access_token_from(&payload).ok_or_else(|| {
                async_graphql::Error::new("Forbidden: send accessToken in connection_init")
            })?;
            let verified = init_state.authenticate(&token).await.map_err(|error| {
                async_graphql::Error::new(format!("Forbidden: {}", error.message()))
            })?;
            let max = init_state.config.graphql.max_sockets_per_user;
            let Some(slot) = init_state.sockets.claim(verified.actor.user_id, max) else {
                *lock(&init_session.refused_with) = Some(CLOSE_TOO_MANY_SOCKETS);
                return Err(async_graphql::Error::new(format!(
                    "Too many sockets: at most {max} per user"
                )));
            };
            *lock(&init_session.slot) = Some(slot);
            init_session.identity.send_replace(Some(Identity {
                actor: verified.actor,
                expires_at: verified.expires_at,
            }));
            let mut data = Data::default();
            data.insert(Caller::Socket(init_session));
            data.insert(Loaders::new(&init_state));
            data.insert(meta);
            Ok(data)
        });
    metrics::gauge!("klang_websocket_connections").increment(1.0);
    let every = state.config.graphql.ping_interval;
    let mut pings = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    let guard = watch_identity(&state, &session);
    tokio::pin!(guard);
    let violation = async {
        match &rules {
            Some(rules) => rules.violated().await,
            None => std::future::pending().await,
        }
    };
    tokio::pin!(violation);
    loop {
        tokio::select! {
            outgoing = graphql.next() => match outgoing {
                Some(WsMessage::Text(text)) => {
                    if let Some(rules) = &rules {
                        rules.server_sent(&text);
                    }
                    if !send_in_time(&mut sink, Message::Text(text.into())).await {
                        break;
                    }
                }
                Some(WsMessage::Close(code, reason)) => {
                    // The library closes a refused connection_init with 1002; the protocol says 4403.
                    let code = if code == 1002 && session.session_id().is_none() {
                        lock(&session.refused_with).unwrap_or(CLOSE_FORBIDDEN)
                    } else {
                        code
                    };
                    close(&mut sink, code, &reason).await;
                    break;
                }
                None => break,
            },
            _ = pings.tick(), if rules.is_some() => {
                if !send_in_time(&mut sink, Message::Text(PING.into())).await {
                    break;
                }
            }
            () = shutdown.cancelled() => {
                // Going away: the client reconnects (to another instance) and resumes with `after`.
                close(&mut sink, CLOSE_GOING_AWAY, "Server shutting down").await;
                break;
            }
            (code, reason) = &mut guard => {
                close(&mut sink, code, reason).await;
                break;
            }
            (code, reason) = &mut violation => {
                close(&mut sink, code, &reason).await;
                break;
            }
        }
    }
    metrics::gauge!("klang_websocket_connections").decrement(1.0);
}

/// The server's keep-alive ping (graphql-transport-ws); the client answers with a pong.
const PING: &str = r#"{"type":"ping"}"#;

/// Sends one message, or gives up on a client that has not read for [`SEND_TIMEOUT`].
async fn send_in_time<S>(sink: &mut S, message: Message) -> bool
where
    S: futures::Sink<Message> + Unpin,
{
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, sink.send(message)).await,
        Ok(Ok(()))
    )
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Resolves when the socket must close: no init in time, token expired without renewal, or session revoked.
async fn watch_identity(state: &AppState, session: &SocketSession) -> (u16, &'static str) {
    let mut identity = session.identity.subscribe();
    let mut live = state.hub.listen();
    let deadline = tokio::time::Instant::now() + INIT_TIMEOUT;
    loop {
        let current = identity.borrow_and_update().clone();
        let Some(current) = current else {
            tokio::select! {
                () = tokio::time::sleep_until(deadline) => return (CLOSE_INIT_TIMEOUT, "Connection initialisation timeout"),
                _ = identity.changed() => continue,
            }
        };
        let remaining = (current.expires_at - Utc::now())
            .to_std()
            .unwrap_or_default();
        tokio::select! {
            () = tokio::time::sleep(remaining) => {
                if session.current_actor().is_err() {
                    return (CLOSE_TOKEN_EXPIRED, "Access token expired");
                }
            }
            _ = identity.changed() => {}
            event = live.recv() => {
                if let Ok(event) = event
                    && event.event_type == events::SESSION_REVOKED
                    && events::revoked_session_ids(&event.data).contains(&current.actor.session_id)
                {
                    return (CLOSE_FORBIDDEN, "Forbidden: session revoked");
                }
            }
        }
    }
}

async fn close<S>(sink: &mut S, code: u16, reason: &str)
where
    S: futures::Sink<Message> + Unpin,
{
    let frame = CloseFrame {
        code,
        reason: reason.chars().take(120).collect::<String>().into(),
    };
    let _ = sink.send(Message::Close(Some(frame))).await;
}

/// Reads the token from `{"accessToken": "..."}` or `{"Authorization": "Bearer ..."}`.
fn access_token_from(payload: &serde_json::Value) -> Option<String> {
    if let Some(token) = payload.get("accessToken").and_then(|value| value.as_str()) {
        return Some(token.to_owned());
    }
    ["Authorization", "authorization"]
        .iter()
        .find_map(|key| payload.get(*key).and_then(|value| value.as_str()))
        .and_then(|header| header.strip_prefix("Bearer "))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_read_from_either_payload_shape() {
        let token = access_token_from(&serde_json::json!({"accessToken": "abc"}));
        assert_eq!(token.as_deref(), Some("abc"));
        let token = access_token_from(&serde_json::json!({"Authorization": "Bearer xyz"}));
        assert_eq!(token.as_deref(), Some("xyz"));
        assert_eq!(access_token_from(&serde_json::json!({})), None);
    }
}
