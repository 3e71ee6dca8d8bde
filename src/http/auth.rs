//! The browser's token routes, driven by the httpOnly refresh cookie: `POST /auth/refresh` and
//! `POST /auth/sign-out`.
//!
//! CSRF: the cookie is `SameSite=Strict`, both routes require the `X-Klang-CSRF` header (which a cross-site form
//! cannot send, and which no CORS policy here allows another site to send), and an `Origin`, when present, must
//! be an allowed origin.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use axum_extra::extract::CookieJar;
use serde_json::json;

use super::{HttpState, cookie};
use crate::{audit::Origin, graphql::error::ApiError, platform::request::RequestMeta};

/// The header that proves the request came from our own scripts.
pub const CSRF_HEADER: &str = "x-klang-csrf";

/// Rotates the cookie's refresh token and returns a fresh access token.
pub async fn refresh(
    State(http): State<HttpState>,
    meta: RequestMeta,
    headers: HeaderMap,
    jar: CookieJar,
) -> Response {
    if let Some(refused) = csrf_refusal(&http, &headers) {
        return refused;
    }
    let Some(token) = jar
        .get(cookie::REFRESH_COOKIE)
        .map(|c| c.value().to_owned())
    else {
        return error(
            StatusCode::UNAUTHORIZED,
            ApiError::unauthenticated("no refresh cookie; sign in"),
        );
    };
    let origin = Origin::new(None, meta);
    match http.app.users.refresh(&origin, &token).await {
        Ok(issued) => {
            let body = json!({
                "accessToken": issued.access_token,
                "accessTokenExpiresAt": issued.access_token_expires_at,
                "user": {"id": issued.user.id, "email": issued.user.email, "displayName": issued.user.display_name},
            });
            let set_cookie = cookie::refresh_cookie(&http.app.config, &issued.refresh_token);
            with_cookie((StatusCode::OK, Json(body)).into_response(), &set_cookie)
        }
        Err(failure) => {
            let clear = cookie::clear_refresh_cookie(&http.app.config);
            let api_error = ApiError::from(failure);
            let status = match api_error.code() {
                crate::graphql::error::ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
                _ => StatusCode::UNAUTHORIZED,
            };
            with_cookie(error(status, api_error), &clear)
        }
    }
}

/// Ends the cookie's session and removes the cookie.
pub async fn sign_out(
    State(http): State<HttpState>,
    meta: RequestMeta,
    headers: HeaderMap,
    jar: CookieJar,
) -> Response {
    if let Some(refused) = csrf_refusal(&http, &headers) {
        return refused;
    }
    if let Some(token) = jar
        .get(cookie::REFRESH_COOKIE)
        .map(|c| c.value().to_owned())
    {
        let origin = Origin::new(None, meta);
        if let Err(failure) = http
            .app
            .users
            .sign_out_by_refresh_token(&origin, &token)
            .await
        {
            return error(StatusCode::INTERNAL_SERVER_ERROR, ApiError::from(failure));
        }
    }
    let clear = cookie::clear_refresh_cookie(&http.app.config);
    with_cookie(StatusCode::NO_CONTENT.into_response(), &clear)
}

/// A refusal when the request may come from another site.
fn csrf_refusal(http: &HttpState, headers: &HeaderMap) -> Option<Response> {
    if !headers.contains_key(CSRF_HEADER) {
        return Some(error(
            StatusCode::FORBIDDEN,
            ApiError::new(
                crate::graphql::error::ErrorCode::Forbidden,
                "missing X-Klang-CSRF header",
            ),
        ));
    }
    if let Some(origin) = headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
    {
        let allowed = http
            .app
            .config
            .allowed_origins
            .iter()
            .any(|allowed| allowed == origin)
            || origin == http.app.config.public_url;
        if !allowed {
            return Some(error(
                StatusCode::FORBIDDEN,
                ApiError::new(
                    crate::graphql::error::ErrorCode::Forbidden,
                    "origin not allowed",
                ),
            ));
        }
    }
    None
}

fn error(status: StatusCode, api_error: ApiError) -> Response {
    let body = json!({"errors": [{"message": api_error.message(), "extensions": {"code": api_error.code().as_str()}}]});
    (status, Json(body)).into_response()
}

fn with_cookie(mut response: Response, set_cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(set_cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
