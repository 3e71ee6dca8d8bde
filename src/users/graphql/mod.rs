//! The users and auth GraphQL API: types here, operations split by concern.

mod admin;
mod auth;
mod subscription;

pub use admin::{UserAdminMutation, UserAdminQuery};
pub use auth::{AuthMutation, AuthQuery};
pub use subscription::UserSubscription;

use async_graphql::{ComplexObject, Context, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{SessionInfo, UserAccount};
use crate::{
    graphql::loaders::Loaders,
    platform::auth::{Actor, Permission, Role},
};

/// A user account as the API shows it.
pub type User = UserAccount;

#[ComplexObject]
impl User {
    /// The user's roles.
    async fn roles(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Role>> {
        Ok(Loaders::of(ctx)
            .roles_by_user_id
            .load_one(self.id)
            .await?
            .unwrap_or_default())
    }

    /// What the user's roles allow.
    async fn permissions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Permission>> {
        let roles = self.roles(ctx).await?;
        Ok(Actor::new(self.id, Uuid::nil(), roles).permissions())
    }
}

/// A sign-in session on one device.
#[derive(Debug, Clone, SimpleObject)]
pub struct Session {
    /// Id.
    pub id: Uuid,
    /// When it started.
    pub created_at: DateTime<Utc>,
    /// When it was last refreshed.
    pub last_used_at: DateTime<Utc>,
    /// When it ends unless refreshed.
    pub expires_at: DateTime<Utc>,
    /// Client address at sign-in.
    pub ip: Option<String>,
    /// Client user agent at sign-in.
    pub user_agent: Option<String>,
    /// Whether this is the session making the request.
    pub current: bool,
}

impl Session {
    fn from_info(info: SessionInfo, current_session: Uuid) -> Self {
        Self {
            current: info.id == current_session,
            id: info.id,
            created_at: info.created_at,
            last_used_at: info.last_used_at,
            expires_at: info.expires_at,
            ip: info.ip,
            user_agent: info.user_agent,
        }
    }
}

/// A role with its names and permissions.
#[derive(Debug, Clone, SimpleObject)]
pub struct RoleInfo {
    /// The role.
    pub code: Role,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// What it allows.
    pub permissions: Vec<Permission>,
}
