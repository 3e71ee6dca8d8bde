//! Facts about the HTTP request (or WebSocket connection) an operation arrived on, kept for the usage history
//! and for logs.

/// Where a request came from.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    /// The `x-request-id` of the request (generated when the client sent none).
    pub request_id: String,
    /// The client address.
    pub ip: Option<String>,
    /// The client's `User-Agent`, truncated.
    pub user_agent: Option<String>,
}

/// The longest user agent kept.
const MAX_USER_AGENT: usize = 256;

impl RequestMeta {
    /// Builds the metadata, bounding what the client controls.
    pub fn new(request_id: String, ip: Option<String>, user_agent: Option<&str>) -> Self {
        Self {
            request_id,
            ip,
            user_agent: user_agent.map(|agent| agent.chars().take(MAX_USER_AGENT).collect()),
        }
    }
}
