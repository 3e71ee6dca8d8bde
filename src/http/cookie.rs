//! The browser's refresh-token cookie: httpOnly, SameSite=Strict, scoped to `/auth`, so scripts cannot read it
//! and only the refresh and sign-out routes ever receive it.

use crate::config::Config;

/// The cookie's name.
pub const REFRESH_COOKIE: &str = "klang_refresh";
/// The only path the browser sends it to.
const COOKIE_PATH: &str = "/auth";

/// A `Set-Cookie` value carrying `refresh_token`.
pub fn refresh_cookie(config: &Config, refresh_token: &str) -> String {
    format!(
        "{REFRESH_COOKIE}={refresh_token}; Path={COOKIE_PATH}; Max-Age={}; HttpOnly; SameSite=Strict{}",
        config.tokens.refresh_ttl.as_secs(),
        secure_attribute(config)
    )
}

/// A `Set-Cookie` value that removes the cookie.
pub fn clear_refresh_cookie(config: &Config) -> String {
    format!(
        "{REFRESH_COOKIE}=; Path={COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Strict{}",
        secure_attribute(config)
    )
}

fn secure_attribute(config: &Config) -> &'static str {
    if config.tokens.secure_cookie {
        "; Secure"
    } else {
        ""
    }
}
