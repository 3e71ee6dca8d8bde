//! Reading who and where from an HTTP request, once, for the GraphQL context and the usage history.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderMap, header, request::Parts},
    middleware::Next,
    response::Response,
};
use ipnet::IpNet;
use tower_http::request_id::RequestId;

use super::HttpState;

use crate::{
    graphql::{context::Caller, error::ApiError},
    platform::request::RequestMeta,
    state::AppState,
};

/// Extracts the request's metadata (request id, peer address, user agent) in any handler.
impl<S: Send + Sync> FromRequestParts<S> for RequestMeta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let request_id = parts
            .extensions
            .get::<RequestId>()
            .and_then(|id| id.header_value().to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let peer = parts
            .extensions
            .get::<ClientAddress>()
            .map(|ClientAddress(address)| address.to_string());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|value| value.to_str().ok());
        Ok(RequestMeta::new(request_id, peer, user_agent))
    }
}

/// The address of the client a request came from: the TCP peer, or, when the peer is a trusted proxy, the
/// address it forwarded (put into the request's extensions by [`resolve_client_address`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// Works out every request's [`ClientAddress`] once, before any handler or guard needs it.
pub async fn resolve_client_address(
    State(http): State<HttpState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = client_address(
        &http.app.config.trusted_proxies,
        peer.ip(),
        request.headers(),
    );
    request.extensions_mut().insert(ClientAddress(address));
    next.run(request).await
}

/// The peer, unless it is a trusted proxy: then the right-most `X-Forwarded-For` address that is not a trusted
/// proxy (each proxy appends the address it saw, so everything left of that was written by the client and may
/// be forged). A trusted peer that forwarded nothing usable is taken as the client.
pub fn client_address(trusted: &[IpNet], peer: IpAddr, headers: &HeaderMap) -> IpAddr {
    let is_trusted = |address: &IpAddr| trusted.iter().any(|network| network.contains(address));
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map_while(|item| item.trim().parse().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|address| !is_trusted(address))
        .unwrap_or(peer)
}

/// The caller named by the `Authorization: Bearer` header, if any.
pub async fn caller(state: &AppState, headers: &HeaderMap) -> Caller {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Caller::Http(Ok(None));
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|text| text.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(token) = token else {
        return Caller::Http(Err(ApiError::unauthenticated(
            "the Authorization header must be `Bearer <access token>`",
        )));
    };
    match state.authenticate(token).await {
        Ok(verified) => {
            tracing::Span::current().record("user.id", verified.actor.user_id.to_string());
            Caller::Http(Ok(Some(verified.actor)))
        }
        Err(refused) => Caller::Http(Err(refused)),
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn resolve(trusted: &[&str], peer: &str, forwarded: &[&str]) -> String {
        let trusted: Vec<IpNet> = trusted.iter().map(|net| net.parse().unwrap()).collect();
        let mut headers = HeaderMap::new();
        for value in forwarded {
            headers.append("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        }
        client_address(&trusted, peer.parse().unwrap(), &headers).to_string()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        assert_eq!(
            resolve(&[], "198.51.100.9", &["203.0.113.7"]),
            "198.51.100.9"
        );
        assert_eq!(
            resolve(&["10.0.0.0/8"], "198.51.100.9", &["203.0.113.7"]),
            "198.51.100.9"
        );
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_address_is_the_client() {
        let proxies = ["10.0.0.0/8", "127.0.0.1/32"];
        assert_eq!(
            resolve(&proxies, "10.0.0.2", &["203.0.113.7"]),
            "203.0.113.7"
        );
        // A forged left-most entry is ignored; a second proxy hop is skipped.
        assert_eq!(
            resolve(&proxies, "127.0.0.1", &["1.2.3.4, 203.0.113.7", "10.0.0.2"]),
            "203.0.113.7"
        );
        assert_eq!(
            resolve(&proxies, "10.0.0.2", &["2001:db8::5"]),
            "2001:db8::5"
        );
    }

    #[test]
    fn a_trusted_peer_without_a_usable_forward_is_the_client() {
        let proxies = ["10.0.0.0/8"];
        assert_eq!(resolve(&proxies, "10.0.0.2", &[]), "10.0.0.2");
        assert_eq!(resolve(&proxies, "10.0.0.2", &["10.0.0.3"]), "10.0.0.2");
        assert_eq!(
            resolve(&proxies, "10.0.0.2", &["not-an-address"]),
            "10.0.0.2"
        );
    }
}
