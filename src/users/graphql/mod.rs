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

/// A user account.
#[derive(Debug, Clone, SimpleObject)]
#[graphql(complex)]
pub struct User {
    /// Id.
    pub id: Uuid,
    /// Sign-in email.
    pub email: String,
    /// Name shown in the app.
    pub display_name: String,
    /// Deactivated users cannot sign in.
    pub is_active: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// When the account last changed.
    pub updated_at: DateTime<Utc>,
}

#[ComplexObject]
impl User {
    /// The user's roles.
    async fn roles(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Role>> {
        Ok(ctx
            .data_unchecked::<Loaders>()
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

impl From<UserAccount> for User {
    fn from(account: UserAccount) -> Self {
        Self {
            id: account.id,
            email: account.email,
            display_name: account.display_name,
            is_active: account.is_active,
            created_at: account.created_at,
            updated_at: account.updated_at,
        }
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
