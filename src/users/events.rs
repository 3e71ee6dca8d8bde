//! Events the users domain publishes on the `klang.users` topic.

use serde_json::json;
use uuid::Uuid;

use super::model::UserSnapshot;
use crate::platform::events::NewEvent;

/// The users domain topic (without the deployment's prefix).
pub const TOPIC: &str = "klang.users";
/// A user was created.
pub const USER_CREATED: &str = "klang.users.user_created.v1";
/// A user's profile changed.
pub const USER_UPDATED: &str = "klang.users.user_updated.v1";
/// A user's roles were replaced.
pub const ROLES_ASSIGNED: &str = "klang.users.roles_assigned.v1";
/// A user was deactivated.
pub const USER_DEACTIVATED: &str = "klang.users.user_deactivated.v1";
/// Sessions ended; every instance closes their sockets and refuses their access tokens.
pub const SESSION_REVOKED: &str = "klang.users.session_revoked.v1";

/// An event carrying the user as it is after the change.
pub fn user_changed(event_type: &'static str, user: &UserSnapshot) -> NewEvent {
    NewEvent {
        topic: TOPIC,
        event_type,
        subject: user.account.id.to_string(),
        data: user.to_json(),
    }
}

/// Sessions of `user_id` ended for `reason`.
pub fn session_revoked(user_id: Uuid, session_ids: &[Uuid], reason: &str) -> NewEvent {
    NewEvent {
        topic: TOPIC,
        event_type: SESSION_REVOKED,
        subject: user_id.to_string(),
        data: json!({"userId": user_id, "sessionIds": session_ids, "reason": reason}),
    }
}

/// The session ids in a `session_revoked` event's data.
pub fn revoked_session_ids(data: &serde_json::Value) -> Vec<Uuid> {
    data.get("sessionIds")
        .and_then(|ids| serde_json::from_value(ids.clone()).ok())
        .unwrap_or_default()
}
