//! Who is making a request, as established from a verified access token.

use std::collections::HashSet;

use uuid::Uuid;

use super::{Permission, Role};

/// A signed-in user acting through one session.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The user.
    pub user_id: Uuid,
    /// The session (refresh-token family) the access token belongs to.
    pub session_id: Uuid,
    /// The user's roles when the token was issued.
    pub roles: Vec<Role>,
    permissions: HashSet<Permission>,
}

impl Actor {
    /// An actor with the union of its roles' permissions.
    pub fn new(user_id: Uuid, session_id: Uuid, roles: Vec<Role>) -> Self {
        let permissions = roles
            .iter()
            .flat_map(|role| role.permissions().iter().copied())
            .collect();
        Self {
            user_id,
            session_id,
            roles,
            permissions,
        }
    }

    /// Whether the actor holds `permission`.
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// The actor's permissions in a stable order.
    pub fn permissions(&self) -> Vec<Permission> {
        Permission::ALL
            .into_iter()
            .filter(|permission| self.can(*permission))
            .collect()
    }
}
