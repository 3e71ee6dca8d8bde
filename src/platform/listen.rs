//! Waking background workers with PostgreSQL LISTEN/NOTIFY: a notification says "there is work now", a polling
//! timer covers the ones missed while the listening connection was down.

use sqlx::{PgPool, postgres::PgListener};

/// A listener on `channel`, or `None` when it cannot be opened now (the caller polls and tries again later).
pub async fn listen(pool: &PgPool, channel: &str) -> Option<PgListener> {
    let mut listener = PgListener::connect_with(pool).await.ok()?;
    listener.listen(channel).await.ok()?;
    Some(listener)
}

/// Waits for one notification; returns `false` when the listener is gone and must be re-created. Without a
/// listener it never returns, so a `select!` with a timer falls back to polling.
pub async fn wait_for_notification(listener: &mut Option<PgListener>) -> bool {
    match listener {
        Some(active) => active.recv().await.is_ok(),
        None => {
            std::future::pending::<()>().await;
            false
        }
    }
}
