//! Usage-history records and what a service says when it changes something.

use serde_json::Value;
use uuid::Uuid;

use crate::platform::{auth::Actor, events::NewEvent, request::RequestMeta};

/// Who acted and from where.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The signed-in user, if any.
    pub user_id: Option<Uuid>,
    /// The session the user acted through.
    pub session_id: Option<Uuid>,
    /// Request id, address and user agent.
    pub meta: RequestMeta,
}

impl Origin {
    /// The origin of a request made by `actor` (or anonymously).
    pub fn new(actor: Option<&Actor>, meta: RequestMeta) -> Self {
        Self {
            user_id: actor.map(|actor| actor.user_id),
            session_id: actor.map(|actor| actor.session_id),
            meta,
        }
    }

    /// The same origin, attributed to a user who has just been identified (e.g. by signing in).
    pub fn as_user(&self, user_id: Uuid, session_id: Option<Uuid>) -> Self {
        Self {
            user_id: Some(user_id),
            session_id,
            meta: self.meta.clone(),
        }
    }
}

/// A state change to record: the usage-history entry and the events it publishes.
#[derive(Debug, Clone)]
pub struct Change {
    /// The operation, e.g. `createUser`.
    pub action: &'static str,
    /// The kind of entity changed, e.g. `User`.
    pub entity_type: &'static str,
    /// The changed entity's id.
    pub entity_id: String,
    /// The entity before the change (secrets left out by the caller).
    pub before: Option<Value>,
    /// The entity after the change.
    pub after: Option<Value>,
    /// Events published with the change.
    pub events: Vec<NewEvent>,
}

/// Whether the recorded action succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum AuditOutcome {
    /// It took effect.
    Success,
    /// It was refused or failed; `errorCode` says why.
    Failure,
}

impl AuditOutcome {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "SUCCESS",
            Self::Failure => "FAILURE",
        }
    }

    /// Parses the stored form.
    pub fn from_stored(text: &str) -> Self {
        if text == "SUCCESS" {
            Self::Success
        } else {
            Self::Failure
        }
    }
}

/// One row to append.
#[derive(Debug, Clone)]
pub(super) struct NewRecord<'a> {
    pub origin: &'a Origin,
    pub action: &'a str,
    pub entity_type: Option<&'a str>,
    pub entity_id: Option<&'a str>,
    pub before: Option<&'a Value>,
    pub after: Option<&'a Value>,
    pub details: Option<&'a Value>,
    pub outcome: AuditOutcome,
    pub error_code: Option<&'a str>,
}
