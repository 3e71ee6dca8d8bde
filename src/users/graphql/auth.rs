//! Signing in and out, refreshing, the caller's own profile and sessions, and socket renewal.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;
use validator::Validate;

use super::{Session, User};
use crate::{
    graphql::{
        context::{Caller, ContextExt},
        error::{ApiError, validate_input},
    },
    http::cookie,
    platform::auth::Permission,
    users::model::IssuedTokens,
};

/// Credentials for `signIn`.
#[derive(Debug, InputObject, Validate)]
pub struct SignInInput {
    /// Sign-in email.
    #[validate(length(min = 3, max = 254, message = "must be 3 to 254 characters"))]
    pub email: String,
    /// Password.
    #[validate(length(min = 1, max = 128, message = "must be 1 to 128 characters"))]
    pub password: String,
}

/// A refresh token to exchange (clients without cookies: scripts, Robot, n8n).
#[derive(Debug, InputObject, Validate)]
pub struct RefreshSessionInput {
    /// The refresh token from `signIn` or the previous refresh.
    #[validate(length(min = 16, max = 256, message = "is not a refresh token"))]
    pub refresh_token: String,
}

/// A password change.
#[derive(Debug, InputObject, Validate)]
pub struct ChangePasswordInput {
    /// The password in use now.
    #[validate(length(min = 1, max = 128, message = "must be 1 to 128 characters"))]
    pub current_password: String,
    /// The new password (at least 10 characters, letters mixed with digits or symbols).
    #[validate(custom(function = "crate::platform::auth::password::validate_policy"))]
    pub new_password: String,
}

/// Which session to end.
#[derive(Debug, InputObject, Validate)]
pub struct RevokeSessionInput {
    /// The session.
    pub session_id: Uuid,
    /// Whose session; defaults to the caller. Other users' sessions need `user:manage`.
    pub user_id: Option<Uuid>,
}

/// A fresh access token for an open WebSocket.
#[derive(Debug, InputObject, Validate)]
pub struct RenewSocketAuthInput {
    /// An access token of the same user and session.
    #[validate(length(min = 16, max = 4096, message = "is not an access token"))]
    pub access_token: String,
}

/// Tokens and the signed-in user.
#[derive(Debug, SimpleObject)]
pub struct AuthPayload {
    /// JWT for the `Authorization: Bearer` header; short-lived.
    pub access_token: String,
    /// When the access token expires; refresh before then.
    pub access_token_expires_at: DateTime<Utc>,
    /// Opaque, long-lived, single-use refresh token. Browsers get it as an httpOnly cookie as well.
    pub refresh_token: String,
    /// When the refresh token expires.
    pub refresh_token_expires_at: DateTime<Utc>,
    /// The signed-in user.
    pub user: User,
}

impl From<IssuedTokens> for AuthPayload {
    fn from(issued: IssuedTokens) -> Self {
        Self {
            access_token: issued.access_token,
            access_token_expires_at: issued.access_token_expires_at,
            refresh_token: issued.refresh_token,
            refresh_token_expires_at: issued.refresh_token_expires_at,
            user: issued.user,
        }
    }
}

/// The result of ending sessions.
#[derive(Debug, SimpleObject)]
pub struct SignOutPayload {
    /// How many sessions ended.
    pub sessions_ended: i32,
}

/// The result of renewing a socket's token.
#[derive(Debug, SimpleObject)]
pub struct RenewSocketAuthPayload {
    /// The socket now stays open until this time.
    pub expires_at: DateTime<Utc>,
}

/// Queries about the caller.
#[derive(Default)]
pub struct AuthQuery;

#[Object]
impl AuthQuery {
    /// The signed-in user.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<User> {
        let actor = ctx.actor()?;
        Ok(ctx.state().users.account(actor.user_id).await?)
    }

    /// The caller's active sessions, newest first.
    async fn my_sessions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Session>> {
        let actor = ctx.actor()?;
        let sessions = ctx.state().users.sessions(actor.user_id).await?;
        Ok(sessions
            .into_iter()
            .map(|info| Session::from_info(info, actor.session_id))
            .collect())
    }
}

/// Sign-in, refresh and sign-out.
#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Signs in. Also sets the refresh token as an httpOnly cookie for browsers.
    async fn sign_in(
        &self,
        ctx: &Context<'_>,
        input: SignInInput,
    ) -> async_graphql::Result<AuthPayload> {
        validate_input(&input)?;
        let state = ctx.state();
        let issued = state
            .users
            .sign_in(&ctx.origin(), &input.email, &input.password)
            .await?;
        set_refresh_cookie(ctx, &issued);
        Ok(issued.into())
    }

    /// Exchanges a refresh token for new tokens. The old refresh token stops working; presenting it again
    /// ends the whole session.
    async fn refresh_session(
        &self,
        ctx: &Context<'_>,
        input: RefreshSessionInput,
    ) -> async_graphql::Result<AuthPayload> {
        validate_input(&input)?;
        let issued = ctx
            .state()
            .users
            .refresh(&ctx.origin(), &input.refresh_token)
            .await?;
        set_refresh_cookie(ctx, &issued);
        Ok(issued.into())
    }

    /// Ends the current session; its access tokens stop working at once.
    async fn sign_out(&self, ctx: &Context<'_>) -> async_graphql::Result<SignOutPayload> {
        let actor = ctx.actor()?;
        ctx.state().users.sign_out(&ctx.origin(), &actor).await?;
        ctx.append_http_header(
            "Set-Cookie",
            cookie::clear_refresh_cookie(&ctx.state().config),
        );
        Ok(SignOutPayload { sessions_ended: 1 })
    }

    /// Ends every session of the caller, on every device.
    async fn sign_out_everywhere(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<SignOutPayload> {
        let actor = ctx.actor()?;
        let ended = ctx
            .state()
            .users
            .sign_out_everywhere(&ctx.origin(), &actor)
            .await?;
        ctx.append_http_header(
            "Set-Cookie",
            cookie::clear_refresh_cookie(&ctx.state().config),
        );
        Ok(SignOutPayload {
            sessions_ended: i32::try_from(ended).unwrap_or(i32::MAX),
        })
    }

    /// Ends one session: one of the caller's, or anyone's with `user:manage`.
    async fn revoke_session(
        &self,
        ctx: &Context<'_>,
        input: RevokeSessionInput,
    ) -> async_graphql::Result<SignOutPayload> {
        let actor = ctx.actor()?;
        let user_id = input.user_id.unwrap_or(actor.user_id);
        if user_id != actor.user_id && !actor.can(Permission::UserManage) {
            return Err(ApiError::forbidden(Permission::UserManage).into());
        }
        ctx.state()
            .users
            .revoke_session(&ctx.origin(), user_id, input.session_id)
            .await?;
        Ok(SignOutPayload { sessions_ended: 1 })
    }

    /// Changes the caller's password; their other sessions end.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> async_graphql::Result<User> {
        let actor = ctx.actor()?;
        validate_input(&input)?;
        let state = ctx.state();
        state
            .users
            .change_password(
                &ctx.origin(),
                &actor,
                &input.current_password,
                &input.new_password,
            )
            .await?;
        Ok(state.users.account(actor.user_id).await?)
    }

    /// Keeps an open WebSocket alive past its access token's expiry: send this over the socket with a fresh
    /// access token of the same session. Over HTTP it is refused.
    async fn renew_socket_auth(
        &self,
        ctx: &Context<'_>,
        input: RenewSocketAuthInput,
    ) -> async_graphql::Result<RenewSocketAuthPayload> {
        validate_input(&input)?;
        let Some(Caller::Socket(session)) = ctx.data_opt::<Caller>() else {
            return Err(ApiError::bad_field("input", "only available over a WebSocket").into());
        };
        let expires_at = session.renew(ctx.state(), &input.access_token).await?;
        Ok(RenewSocketAuthPayload { expires_at })
    }
}

fn set_refresh_cookie(ctx: &Context<'_>, issued: &IssuedTokens) {
    ctx.append_http_header(
        "Set-Cookie",
        cookie::refresh_cookie(&ctx.state().config, &issued.refresh_token),
    );
}
