//! User administration: list, create, update, deactivate, assign roles; the role catalogue.

use async_graphql::{Context, InputObject, Object, connection::Connection};
use uuid::Uuid;
use validator::Validate;

use super::{RoleInfo, User};
use crate::{
    graphql::{
        context::ContextExt,
        error::{ApiError, validate_argument, validate_input},
        pagination::{Cursor, PageRequest},
    },
    platform::auth::{Permission, Role},
    users::{repo::UserSearch, service::NewUser},
};

/// Filters for `users`.
#[derive(Debug, Default, InputObject, Validate)]
pub struct UserFilter {
    /// Part of the email or display name.
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    pub search: Option<String>,
    /// Only users with this role.
    pub role: Option<Role>,
    /// Only active (or only deactivated) users.
    pub is_active: Option<bool>,
}

/// A new user.
#[derive(Debug, InputObject, Validate)]
pub struct CreateUserInput {
    /// Sign-in email.
    #[validate(
        email(message = "must be an email address"),
        length(max = 254, message = "must be at most 254 characters")
    )]
    pub email: String,
    /// Name shown in the app.
    #[validate(length(min = 1, max = 120, message = "must be 1 to 120 characters"))]
    pub display_name: String,
    /// Initial password (at least 10 characters, letters mixed with digits or symbols).
    #[validate(custom(function = "crate::platform::auth::password::validate_policy"))]
    pub password: String,
    /// Roles; at least one.
    #[validate(length(min = 1, message = "give at least one role"))]
    pub roles: Vec<Role>,
}

/// Changes to a user's profile; omitted fields stay as they are.
#[derive(Debug, InputObject, Validate)]
pub struct UpdateUserInput {
    /// The user.
    pub id: Uuid,
    /// New sign-in email.
    #[validate(
        email(message = "must be an email address"),
        length(max = 254, message = "must be at most 254 characters")
    )]
    pub email: Option<String>,
    /// New display name.
    #[validate(length(min = 1, max = 120, message = "must be 1 to 120 characters"))]
    pub display_name: Option<String>,
}

/// A user to deactivate.
#[derive(Debug, InputObject, Validate)]
pub struct DeactivateUserInput {
    /// The user.
    pub id: Uuid,
}

/// The complete new set of roles for a user.
#[derive(Debug, InputObject, Validate)]
pub struct AssignRolesInput {
    /// The user.
    pub user_id: Uuid,
    /// Roles replacing the current ones; at least one.
    #[validate(length(min = 1, message = "give at least one role"))]
    pub roles: Vec<Role>,
}

/// Queries for user administration.
#[derive(Default)]
pub struct UserAdminQuery;

#[Object]
impl UserAdminQuery {
    /// Users, oldest first. Needs `user:read`.
    #[graphql(complexity = "crate::graphql::pagination::page_cost(first, child_complexity)")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        filter: Option<UserFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, User>> {
        ctx.require(Permission::UserRead)?;
        let filter = filter.unwrap_or_default();
        validate_argument("filter", &filter)?;
        let page = PageRequest::new(first, after)?;
        let search = UserSearch {
            text: filter.search,
            role: filter.role,
            is_active: filter.is_active,
        };
        let users = ctx.state().users.search(&search, &page).await?;
        Ok(page.connection(users, |user: &User| Cursor {
            time: user.created_at,
            id: user.id,
        }))
    }

    /// One user by id. Needs `user:read`.
    async fn user(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Option<User>> {
        ctx.require(Permission::UserRead)?;
        Ok(ctx
            .data_unchecked::<crate::graphql::loaders::Loaders>()
            .user_by_id
            .load_one(id)
            .await?)
    }

    /// The roles and what each allows. Open to every signed-in user.
    async fn roles(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<RoleInfo>> {
        ctx.actor()?;
        Ok(Role::ALL
            .into_iter()
            .map(|role| RoleInfo {
                code: role,
                name_th: role.name_th().to_owned(),
                name_en: role.name_en().to_owned(),
                permissions: role.permissions().to_vec(),
            })
            .collect())
    }
}

/// Mutations for user administration (all need `user:manage`).
#[derive(Default)]
pub struct UserAdminMutation;

#[Object]
impl UserAdminMutation {
    /// Creates a user.
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        input: CreateUserInput,
    ) -> async_graphql::Result<User> {
        ctx.require(Permission::UserManage)?;
        validate_input(&input)?;
        let account = ctx
            .state()
            .users
            .create_user(
                &ctx.origin(),
                NewUser {
                    email: input.email,
                    display_name: input.display_name,
                    password: input.password,
                    roles: input.roles,
                },
            )
            .await?;
        Ok(account)
    }

    /// Changes a user's email or display name.
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        input: UpdateUserInput,
    ) -> async_graphql::Result<User> {
        ctx.require(Permission::UserManage)?;
        validate_input(&input)?;
        if input.email.is_none() && input.display_name.is_none() {
            return Err(ApiError::bad_field("input", "change at least one field").into());
        }
        let account = ctx
            .state()
            .users
            .update_user(
                &ctx.origin(),
                input.id,
                input.email.as_deref(),
                input.display_name.as_deref(),
            )
            .await?;
        Ok(account)
    }

    /// Deactivates a user: they cannot sign in, and their sessions end at once.
    async fn deactivate_user(
        &self,
        ctx: &Context<'_>,
        input: DeactivateUserInput,
    ) -> async_graphql::Result<User> {
        let actor = ctx.require(Permission::UserManage)?;
        let account = ctx
            .state()
            .users
            .deactivate_user(&ctx.origin(), &actor, input.id)
            .await?;
        Ok(account)
    }

    /// Replaces a user's roles. Takes effect at their next token refresh (within the access-token lifetime).
    async fn assign_roles(
        &self,
        ctx: &Context<'_>,
        input: AssignRolesInput,
    ) -> async_graphql::Result<User> {
        let actor = ctx.require(Permission::UserManage)?;
        validate_input(&input)?;
        let account = ctx
            .state()
            .users
            .assign_roles(&ctx.origin(), &actor, input.user_id, input.roles)
            .await?;
        Ok(account)
    }
}
