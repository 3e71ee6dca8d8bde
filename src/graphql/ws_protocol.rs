//! The graphql-transport-ws rules async-graphql does not enforce, checked on every client message before the
//! library sees it: malformed messages, a second `connection_init`, `subscribe` before the acknowledgement, a
//! duplicate operation id, and too many operations on one socket each end the socket with their close code.

use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
};

use serde::Deserialize;
use tokio::sync::watch;

/// Close code: the message is not a graphql-transport-ws message.
pub const CLOSE_INVALID_MESSAGE: u16 = 4400;
/// Close code: `subscribe` before the connection was acknowledged.
pub const CLOSE_UNAUTHORIZED: u16 = 4401;
/// Close code: an operation with this id is already running.
pub const CLOSE_DUPLICATE_ID: u16 = 4409;
/// Close code: a second `connection_init`.
pub const CLOSE_TOO_MANY_INITS: u16 = 4429;
/// Operations one socket may run at once.
pub const MAX_OPERATIONS_PER_SOCKET: usize = 50;

/// Why the guard wants the socket closed.
pub type Violation = (u16, String);

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
}

#[derive(Default)]
struct State {
    initialised: bool,
    running: HashSet<String>,
}

/// Tracks one socket's protocol state.
#[derive(Clone)]
pub struct ProtocolGuard {
    state: Arc<Mutex<State>>,
    violation: watch::Sender<Option<Violation>>,
}

impl Default for ProtocolGuard {
    fn default() -> Self {
        Self {
            state: Arc::default(),
            violation: watch::channel(None).0,
        }
    }
}

impl ProtocolGuard {
    /// Checks a client message; `acknowledged` says whether the connection was accepted. Returns whether the
    /// message may go on to the library; a refused message also records the violation that closes the socket.
    pub fn admit(&self, message: &[u8], acknowledged: bool) -> bool {
        match self.check(message, acknowledged) {
            Ok(()) => true,
            Err(violation) => {
                self.violation.send_replace(Some(violation));
                false
            }
        }
    }

    /// Forgets an operation the server completed (its `complete` or `error` message went out).
    pub fn server_sent(&self, message: &str) {
        if let Ok(envelope) = serde_json::from_str::<Envelope>(message)
            && matches!(envelope.kind.as_str(), "complete" | "error")
            && let Some(id) = envelope.id
        {
            self.lock().running.remove(&id);
        }
    }

    /// Resolves with the first violation.
    pub async fn violated(&self) -> Violation {
        let mut receiver = self.violation.subscribe();
        loop {
            if let Some(violation) = receiver.borrow_and_update().clone() {
                return violation;
            }
            if receiver.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }

    fn check(&self, message: &[u8], acknowledged: bool) -> Result<(), Violation> {
        let envelope: Envelope = serde_json::from_slice(message)
            .map_err(|_| (CLOSE_INVALID_MESSAGE, "Invalid message received".to_owned()))?;
        let mut state = self.lock();
        match envelope.kind.as_str() {
            "connection_init" => {
                if state.initialised {
                    return Err((
                        CLOSE_TOO_MANY_INITS,
                        "Too many initialisation requests".into(),
                    ));
                }
                state.initialised = true;
            }
            "subscribe" => {
                if !acknowledged {
                    return Err((CLOSE_UNAUTHORIZED, "Unauthorized".into()));
                }
                let id = envelope
                    .id
                    .filter(|id| !id.is_empty())
                    .ok_or((CLOSE_INVALID_MESSAGE, "subscribe needs an id".to_owned()))?;
                if state.running.contains(&id) {
                    return Err((
                        CLOSE_DUPLICATE_ID,
                        format!("Subscriber for {id} already exists"),
                    ));
                }
                if state.running.len() >= MAX_OPERATIONS_PER_SOCKET {
                    return Err((
                        CLOSE_INVALID_MESSAGE,
                        format!("at most {MAX_OPERATIONS_PER_SOCKET} operations per socket"),
                    ));
                }
                state.running.insert(id);
            }
            "complete" => {
                if let Some(id) = envelope.id {
                    state.running.remove(&id);
                }
            }
            "ping" | "pong" => {}
            _ => return Err((CLOSE_INVALID_MESSAGE, "Invalid message received".into())),
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(guard: &ProtocolGuard, message: &str, acknowledged: bool) -> Option<u16> {
        guard
            .check(message.as_bytes(), acknowledged)
            .err()
            .map(|(code, _)| code)
    }

    #[test]
    fn protocol_violations_have_their_close_codes() {
        let guard = ProtocolGuard::default();
        assert_eq!(code(&guard, "not json", false), Some(CLOSE_INVALID_MESSAGE));
        assert_eq!(
            code(&guard, r#"{"type":"subscribe","id":"1"}"#, false),
            Some(CLOSE_UNAUTHORIZED)
        );
        assert_eq!(code(&guard, r#"{"type":"connection_init"}"#, false), None);
        assert_eq!(
            code(&guard, r#"{"type":"connection_init"}"#, true),
            Some(CLOSE_TOO_MANY_INITS)
        );
        assert_eq!(code(&guard, r#"{"type":"subscribe","id":"1"}"#, true), None);
        assert_eq!(
            code(&guard, r#"{"type":"subscribe","id":"1"}"#, true),
            Some(CLOSE_DUPLICATE_ID)
        );
        guard.server_sent(r#"{"type":"complete","id":"1"}"#);
        assert_eq!(code(&guard, r#"{"type":"subscribe","id":"1"}"#, true), None);
        assert_eq!(
            code(&guard, r#"{"type":"launch"}"#, true),
            Some(CLOSE_INVALID_MESSAGE)
        );
    }

    #[test]
    fn operations_per_socket_are_capped() {
        let guard = ProtocolGuard::default();
        for id in 0..MAX_OPERATIONS_PER_SOCKET {
            assert_eq!(
                code(
                    &guard,
                    &format!(r#"{{"type":"subscribe","id":"{id}"}}"#),
                    true
                ),
                None
            );
        }
        assert_eq!(
            code(&guard, r#"{"type":"subscribe","id":"extra"}"#, true),
            Some(CLOSE_INVALID_MESSAGE)
        );
    }
}
