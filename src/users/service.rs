//! The rules of users and auth: sign-in, refresh rotation with reuse detection, sign-out, password changes and
//! user administration. Each state change commits with its usage-history record and its events.

use std::time::Duration;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::Utc;
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use tokio::sync::OnceCell;
use uuid::Uuid;

use super::{
    error::UserError,
    events,
    model::{Email, IssuedTokens, SessionInfo, UserAccount, UserSnapshot},
    repo::{self, UserSearch},
    revocation::Revocations,
};
use crate::{
    audit::{self, Change, Origin},
    graphql::pagination::PageRequest,
    platform::{
        auth::{
            Actor, Role,
            jwt::AccessTokens,
            password::{self, check_policy},
        },
        rate_limit::RateLimiter,
    },
};

/// Why sessions end; stored with the session and sent in `session_revoked` events.
pub mod reasons {
    /// The user signed out.
    pub const SIGNED_OUT: &str = "signed_out";
    /// The user signed out everywhere.
    pub const SIGNED_OUT_EVERYWHERE: &str = "signed_out_everywhere";
    /// The session was revoked by its user or an admin.
    pub const REVOKED: &str = "revoked";
    /// A rotated refresh token was presented again.
    pub const REFRESH_TOKEN_REUSE: &str = "refresh_token_reuse";
    /// The password changed.
    pub const PASSWORD_CHANGED: &str = "password_changed";
    /// The user was deactivated.
    pub const USER_DEACTIVATED: &str = "user_deactivated";
}

/// What an admin sets when creating a user.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Sign-in email.
    pub email: String,
    /// Name shown in the app.
    pub display_name: String,
    /// Initial password.
    pub password: String,
    /// Roles.
    pub roles: Vec<Role>,
}

/// The users and auth service.
#[derive(Clone)]
pub struct UsersService {
    pool: PgPool,
    tokens: AccessTokens,
    revocations: Revocations,
    limit_per_ip: RateLimiter,
    limit_per_account: RateLimiter,
    refresh_ttl: Duration,
}

/// A hash to verify against when the email is unknown, so that timing does not reveal which accounts exist.
static DECOY_HASH: OnceCell<String> = OnceCell::const_new();

impl UsersService {
    /// Builds the service.
    pub fn new(
        pool: PgPool,
        tokens: AccessTokens,
        revocations: Revocations,
        limits: (RateLimiter, RateLimiter),
        refresh_ttl: Duration,
    ) -> Self {
        Self {
            pool,
            tokens,
            revocations,
            limit_per_ip: limits.0,
            limit_per_account: limits.1,
            refresh_ttl,
        }
    }

    /// The revoked-session registry used to check access tokens.
    pub fn revocations(&self) -> &Revocations {
        &self.revocations
    }

    /// Signs in with email and password and starts a session.
    pub async fn sign_in(
        &self,
        origin: &Origin,
        email: &str,
        password: &str,
    ) -> Result<IssuedTokens, UserError> {
        let normalised = email.trim().to_lowercase();
        let ip = origin.meta.ip.clone().unwrap_or_else(|| "unknown".into());
        for (limiter, subject) in [
            (&self.limit_per_ip, ip.as_str()),
            (&self.limit_per_account, normalised.as_str()),
        ] {
            if let Err(limited) = limiter.check(subject).await {
                metrics::counter!("klang_sign_in_total", "outcome" => "rate_limited").increment(1);
                return Err(UserError::RateLimited(limited.retry_after));
            }
        }
        let mut connection = self.pool.acquire().await?;
        let credentials = repo::credentials_by_email(&mut connection, &normalised).await?;
        drop(connection);
        let Some(credentials) = credentials else {
            let decoy = DECOY_HASH
                .get_or_try_init(|| password::hash("decoy-password-1".into()))
                .await?;
            password::verify(password.to_owned(), decoy.clone()).await;
            metrics::counter!("klang_sign_in_total", "outcome" => "failure").increment(1);
            return Err(UserError::InvalidCredentials);
        };
        if !password::verify(password.to_owned(), credentials.password_hash).await {
            metrics::counter!("klang_sign_in_total", "outcome" => "failure").increment(1);
            return Err(UserError::InvalidCredentials);
        }
        if !credentials.account.is_active {
            metrics::counter!("klang_sign_in_total", "outcome" => "failure").increment(1);
            return Err(UserError::Deactivated);
        }
        let account = credentials.account;
        let mut transaction = self.pool.begin().await?;
        let roles = repo::roles_of(&mut transaction, account.id).await?;
        let expires_at =
            Utc::now() + chrono::Duration::from_std(self.refresh_ttl).unwrap_or_default();
        let session_id = repo::insert_session(
            &mut transaction,
            account.id,
            expires_at,
            origin.meta.ip.as_deref(),
            origin.meta.user_agent.as_deref(),
        )
        .await?;
        let refresh_token = self.new_refresh_token(&mut transaction, session_id).await?;
        audit::record(
            &mut transaction,
            &origin.as_user(account.id, Some(session_id)),
            Change {
                action: "signIn",
                entity_type: "Session",
                entity_id: session_id.to_string(),
                before: None,
                after: Some(json!({"userId": account.id, "expiresAt": expires_at})),
                events: vec![],
            },
        )
        .await?;
        transaction.commit().await?;
        metrics::counter!("klang_sign_in_total", "outcome" => "success").increment(1);
        self.issue(account, session_id, &roles, refresh_token)
    }

    /// Exchanges a refresh token for a new pair. A token used twice revokes its whole session.
    pub async fn refresh(
        &self,
        origin: &Origin,
        refresh_token: &str,
    ) -> Result<IssuedTokens, UserError> {
        let token_hash = hash_refresh_token(refresh_token);
        let mut transaction = self.pool.begin().await?;
        let Some(found) = repo::refresh_token_for_update(&mut transaction, &token_hash).await?
        else {
            return Err(UserError::SessionEnded);
        };
        if found.rotated {
            let revoked = repo::revoke_sessions(
                &mut transaction,
                found.user_id,
                Some(found.session_id),
                None,
                reasons::REFRESH_TOKEN_REUSE,
            )
            .await?;
            audit::record(
                &mut transaction,
                &origin.as_user(found.user_id, Some(found.session_id)),
                Change {
                    action: "security.refreshTokenReused",
                    entity_type: "Session",
                    entity_id: found.session_id.to_string(),
                    before: None,
                    after: Some(json!({"revoked": true, "reason": reasons::REFRESH_TOKEN_REUSE})),
                    events: session_revoked_events(
                        found.user_id,
                        &revoked,
                        reasons::REFRESH_TOKEN_REUSE,
                    ),
                },
            )
            .await?;
            transaction.commit().await?;
            self.revocations.mark(&revoked).await;
            tracing::warn!(session.id = %found.session_id, "refresh token reuse: session revoked");
            return Err(UserError::RefreshTokenReused);
        }
        let now = Utc::now();
        if found.session_revoked || found.token_expires_at <= now || found.session_expires_at <= now
        {
            return Err(UserError::SessionEnded);
        }
        let Some(account) = repo::account_for_update(&mut transaction, found.user_id).await? else {
            return Err(UserError::SessionEnded);
        };
        if !account.is_active {
            return Err(UserError::Deactivated);
        }
        repo::mark_rotated(&mut transaction, &token_hash).await?;
        let new_token = self
            .new_refresh_token(&mut transaction, found.session_id)
            .await?;
        let roles = repo::roles_of(&mut transaction, account.id).await?;
        audit::record(
            &mut transaction,
            &origin.as_user(account.id, Some(found.session_id)),
            Change {
                action: "refreshSession",
                entity_type: "Session",
                entity_id: found.session_id.to_string(),
                before: None,
                after: None,
                events: vec![],
            },
        )
        .await?;
        transaction.commit().await?;
        self.issue(account, found.session_id, &roles, new_token)
    }

    /// Ends the session that owns `refresh_token` (the browser's cookie sign-out). Unknown tokens are ignored.
    pub async fn sign_out_by_refresh_token(
        &self,
        origin: &Origin,
        refresh_token: &str,
    ) -> Result<(), UserError> {
        let token_hash = hash_refresh_token(refresh_token);
        let mut transaction = self.pool.begin().await?;
        let Some(found) = repo::refresh_token_for_update(&mut transaction, &token_hash).await?
        else {
            return Ok(());
        };
        drop(transaction);
        self.end_sessions(
            &origin.as_user(found.user_id, Some(found.session_id)),
            found.user_id,
            Some(found.session_id),
            None,
            ("signOut", reasons::SIGNED_OUT),
        )
        .await
        .map(|_| ())
    }

    /// Ends the actor's current session.
    pub async fn sign_out(&self, origin: &Origin, actor: &Actor) -> Result<(), UserError> {
        self.end_sessions(
            origin,
            actor.user_id,
            Some(actor.session_id),
            None,
            ("signOut", reasons::SIGNED_OUT),
        )
        .await
        .map(|_| ())
    }

    /// Ends every session of the actor, this one included; returns how many ended.
    pub async fn sign_out_everywhere(
        &self,
        origin: &Origin,
        actor: &Actor,
    ) -> Result<usize, UserError> {
        self.end_sessions(
            origin,
            actor.user_id,
            None,
            None,
            ("signOutEverywhere", reasons::SIGNED_OUT_EVERYWHERE),
        )
        .await
    }

    /// Ends one session of `user_id` (the actor's own, or anyone's for a user manager).
    pub async fn revoke_session(
        &self,
        origin: &Origin,
        user_id: Uuid,
        session_id: Uuid,
    ) -> Result<(), UserError> {
        let ended = self
            .end_sessions(
                origin,
                user_id,
                Some(session_id),
                None,
                ("revokeSession", reasons::REVOKED),
            )
            .await?;
        if ended == 0 {
            return Err(UserError::SessionNotFound);
        }
        Ok(())
    }

    /// The actor's active sessions.
    pub async fn sessions(&self, user_id: Uuid) -> Result<Vec<SessionInfo>, UserError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::active_sessions(&mut connection, user_id).await?)
    }

    /// Changes the actor's password and ends their other sessions.
    pub async fn change_password(
        &self,
        origin: &Origin,
        actor: &Actor,
        current: &str,
        new: &str,
    ) -> Result<(), UserError> {
        check_policy(new)
            .map_err(|violation| UserError::WeakPassword("input.newPassword", violation))?;
        let mut connection = self.pool.acquire().await?;
        let stored = repo::password_hash(&mut connection, actor.user_id)
            .await?
            .ok_or(UserError::UserNotFound)?;
        drop(connection);
        if !password::verify(current.to_owned(), stored).await {
            return Err(UserError::WrongCurrentPassword);
        }
        let new_hash = password::hash(new.to_owned()).await?;
        let mut transaction = self.pool.begin().await?;
        repo::set_password_hash(&mut transaction, actor.user_id, &new_hash).await?;
        let revoked = repo::revoke_sessions(
            &mut transaction,
            actor.user_id,
            None,
            Some(actor.session_id),
            reasons::PASSWORD_CHANGED,
        )
        .await?;
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "changePassword",
                entity_type: "User",
                entity_id: actor.user_id.to_string(),
                before: None,
                after: Some(json!({"otherSessionsEnded": revoked.len()})),
                events: session_revoked_events(actor.user_id, &revoked, reasons::PASSWORD_CHANGED),
            },
        )
        .await?;
        transaction.commit().await?;
        self.revocations.mark(&revoked).await;
        Ok(())
    }

    /// Creates a user with roles.
    pub async fn create_user(
        &self,
        origin: &Origin,
        new_user: NewUser,
    ) -> Result<UserAccount, UserError> {
        let email = Email::parse(&new_user.email).ok_or(UserError::BadInput(
            "input.email",
            "must be an email address",
        ))?;
        check_policy(&new_user.password)
            .map_err(|violation| UserError::WeakPassword("input.password", violation))?;
        let password_hash = password::hash(new_user.password).await?;
        let mut transaction = self.pool.begin().await?;
        let account = repo::insert_user(
            &mut transaction,
            email.as_str(),
            new_user.display_name.trim(),
            &password_hash,
        )
        .await?
        .ok_or(UserError::EmailTaken)?;
        let roles = dedup_roles(new_user.roles);
        repo::replace_roles(&mut transaction, account.id, &roles).await?;
        let snapshot = UserSnapshot {
            account: account.clone(),
            roles,
        };
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "createUser",
                entity_type: "User",
                entity_id: account.id.to_string(),
                before: None,
                after: Some(snapshot.to_json()),
                events: vec![events::user_changed(events::USER_CREATED, &snapshot)],
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(account)
    }

    /// Changes a user's email and/or display name.
    pub async fn update_user(
        &self,
        origin: &Origin,
        user_id: Uuid,
        email: Option<&str>,
        display_name: Option<&str>,
    ) -> Result<UserAccount, UserError> {
        let email = email
            .map(|text| {
                Email::parse(text).ok_or(UserError::BadInput(
                    "input.email",
                    "must be an email address",
                ))
            })
            .transpose()?;
        let mut transaction = self.pool.begin().await?;
        let before = self.snapshot_for_update(&mut transaction, user_id).await?;
        let account = repo::update_profile(
            &mut transaction,
            user_id,
            email
                .as_ref()
                .map_or(before.account.email.as_str(), Email::as_str),
            display_name.map_or(before.account.display_name.as_str(), str::trim),
        )
        .await?
        .ok_or(UserError::EmailTaken)?;
        let after = UserSnapshot {
            account: account.clone(),
            roles: before.roles.clone(),
        };
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "updateUser",
                entity_type: "User",
                entity_id: user_id.to_string(),
                before: Some(before.to_json()),
                after: Some(after.to_json()),
                events: vec![events::user_changed(events::USER_UPDATED, &after)],
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(account)
    }

    /// Replaces a user's roles. An admin cannot take ADMIN away from themselves.
    pub async fn assign_roles(
        &self,
        origin: &Origin,
        actor: &Actor,
        user_id: Uuid,
        roles: Vec<Role>,
    ) -> Result<UserAccount, UserError> {
        let roles = dedup_roles(roles);
        if user_id == actor.user_id
            && !roles.contains(&Role::Admin)
            && actor.roles.contains(&Role::Admin)
        {
            return Err(UserError::SelfLockout(
                "you cannot remove your own ADMIN role",
            ));
        }
        let mut transaction = self.pool.begin().await?;
        let before = self.snapshot_for_update(&mut transaction, user_id).await?;
        repo::replace_roles(&mut transaction, user_id, &roles).await?;
        let after = UserSnapshot {
            account: before.account.clone(),
            roles,
        };
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "assignRoles",
                entity_type: "User",
                entity_id: user_id.to_string(),
                before: Some(before.to_json()),
                after: Some(after.to_json()),
                events: vec![events::user_changed(events::ROLES_ASSIGNED, &after)],
            },
        )
        .await?;
        transaction.commit().await?;
        self.revocations
            .mark_roles_changed(user_id, chrono::Utc::now());
        Ok(after.account)
    }

    /// Deactivates a user and ends all their sessions at once.
    pub async fn deactivate_user(
        &self,
        origin: &Origin,
        actor: &Actor,
        user_id: Uuid,
    ) -> Result<UserAccount, UserError> {
        if user_id == actor.user_id {
            return Err(UserError::SelfLockout("you cannot deactivate yourself"));
        }
        let mut transaction = self.pool.begin().await?;
        let before = self.snapshot_for_update(&mut transaction, user_id).await?;
        let account = repo::set_active(&mut transaction, user_id, false).await?;
        let revoked = repo::revoke_sessions(
            &mut transaction,
            user_id,
            None,
            None,
            reasons::USER_DEACTIVATED,
        )
        .await?;
        let after = UserSnapshot {
            account: account.clone(),
            roles: before.roles.clone(),
        };
        let mut published = vec![events::user_changed(events::USER_DEACTIVATED, &after)];
        published.extend(session_revoked_events(
            user_id,
            &revoked,
            reasons::USER_DEACTIVATED,
        ));
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "deactivateUser",
                entity_type: "User",
                entity_id: user_id.to_string(),
                before: Some(before.to_json()),
                after: Some(after.to_json()),
                events: published,
            },
        )
        .await?;
        transaction.commit().await?;
        self.revocations.mark(&revoked).await;
        Ok(account)
    }

    /// One page of users.
    pub async fn search(
        &self,
        search: &UserSearch,
        page: &PageRequest,
    ) -> Result<Vec<UserAccount>, UserError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::search_accounts(&mut connection, search, page).await?)
    }

    /// One account.
    pub async fn account(&self, user_id: Uuid) -> Result<UserAccount, UserError> {
        self.accounts_by_ids(&[user_id])
            .await?
            .into_iter()
            .next()
            .ok_or(UserError::UserNotFound)
    }

    /// Users by id (for loaders).
    pub async fn accounts_by_ids(&self, ids: &[Uuid]) -> Result<Vec<UserAccount>, UserError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::accounts_by_ids(&mut connection, ids).await?)
    }

    /// Roles of users by id (for loaders).
    pub async fn roles_by_user_ids(&self, ids: &[Uuid]) -> Result<Vec<(Uuid, Role)>, UserError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::roles_by_user_ids(&mut connection, ids).await?)
    }

    /// Creates a user unless the email exists; returns whether it was created. Used by `seed` and
    /// `create-admin`, recorded as done by the system.
    pub async fn ensure_user(&self, new_user: NewUser) -> Result<bool, UserError> {
        match self.create_user(&Origin::default(), new_user).await {
            Ok(_) => Ok(true),
            Err(UserError::EmailTaken) => Ok(false),
            Err(error) => Err(error),
        }
    }

    async fn end_sessions(
        &self,
        origin: &Origin,
        user_id: Uuid,
        only: Option<Uuid>,
        keep: Option<Uuid>,
        (action, reason): (&'static str, &'static str),
    ) -> Result<usize, UserError> {
        let mut transaction = self.pool.begin().await?;
        let revoked = repo::revoke_sessions(&mut transaction, user_id, only, keep, reason).await?;
        if !revoked.is_empty() {
            audit::record(
                &mut transaction,
                origin,
                Change {
                    action,
                    entity_type: "User",
                    entity_id: user_id.to_string(),
                    before: None,
                    after: Some(json!({"sessionsEnded": revoked, "reason": reason})),
                    events: session_revoked_events(user_id, &revoked, reason),
                },
            )
            .await?;
        }
        transaction.commit().await?;
        self.revocations.mark(&revoked).await;
        Ok(revoked.len())
    }

    async fn snapshot_for_update(
        &self,
        connection: &mut PgConnection,
        user_id: Uuid,
    ) -> Result<UserSnapshot, UserError> {
        let account = repo::account_for_update(connection, user_id)
            .await?
            .ok_or(UserError::UserNotFound)?;
        let roles = repo::roles_of(connection, user_id).await?;
        Ok(UserSnapshot { account, roles })
    }

    async fn new_refresh_token(
        &self,
        connection: &mut PgConnection,
        session_id: Uuid,
    ) -> Result<(String, chrono::DateTime<Utc>), UserError> {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        let expires_at =
            Utc::now() + chrono::Duration::from_std(self.refresh_ttl).unwrap_or_default();
        repo::insert_refresh_token(
            connection,
            &hash_refresh_token(&token),
            session_id,
            expires_at,
        )
        .await?;
        repo::touch_session(connection, session_id, expires_at).await?;
        Ok((token, expires_at))
    }

    fn issue(
        &self,
        user: UserAccount,
        session_id: Uuid,
        roles: &[Role],
        (refresh_token, refresh_token_expires_at): (String, chrono::DateTime<Utc>),
    ) -> Result<IssuedTokens, UserError> {
        let access = self.tokens.issue(user.id, session_id, roles)?;
        Ok(IssuedTokens {
            access_token: access.token,
            access_token_expires_at: access.expires_at,
            refresh_token,
            refresh_token_expires_at,
            user,
        })
    }
}

fn session_revoked_events(
    user_id: Uuid,
    sessions: &[Uuid],
    reason: &str,
) -> Vec<crate::platform::events::NewEvent> {
    if sessions.is_empty() {
        return vec![];
    }
    vec![events::session_revoked(user_id, sessions, reason)]
}

fn dedup_roles(mut roles: Vec<Role>) -> Vec<Role> {
    roles.sort_by_key(|role| role.code());
    roles.dedup();
    roles
}

/// Refresh tokens are stored as SHA-256 digests only.
fn hash_refresh_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}
