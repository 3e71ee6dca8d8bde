//! Batched reads of users and their roles, for nested fields.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use uuid::Uuid;

use super::{graphql::User, service::UsersService};
use crate::{graphql::error::ApiError, platform::auth::Role};

/// Loads users by id in one query per batch.
pub struct UserByIdLoader(pub UsersService);

impl Loader<Uuid> for UserByIdLoader {
    type Value = User;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, User>, ApiError> {
        let accounts = self.0.accounts_by_ids(keys).await?;
        Ok(accounts
            .into_iter()
            .map(|account| (account.id, account))
            .collect())
    }
}

/// Loads the roles of users by user id in one query per batch.
pub struct RolesByUserIdLoader(pub UsersService);

impl Loader<Uuid> for RolesByUserIdLoader {
    type Value = Vec<Role>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<Role>>, ApiError> {
        let mut roles: HashMap<Uuid, Vec<Role>> =
            keys.iter().map(|key| (*key, Vec::new())).collect();
        for (user_id, role) in self.0.roles_by_user_ids(keys).await? {
            roles.entry(user_id).or_default().push(role);
        }
        Ok(roles)
    }
}
