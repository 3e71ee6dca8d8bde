//! The GraphQL endpoint over HTTP (`POST /graphql`, `GET /graphql`) and the WebSocket upgrade
//! (`GET /graphql/ws`).
//!
//! Bodies are read with the configured size limit and parsed here rather than by async-graphql-axum's
//! extractor (which also parses form and text bodies, streams past the body limit and always batches), so that only JSON bodies are accepted (no form or multipart posts from other sites), batches are
//! refused, and a mutation never runs over `GET`.

use async_graphql::{
    http::{ALL_WEBSOCKET_PROTOCOLS, GraphiQLSource, WebSocketProtocols},
    parser::types::OperationType,
};
use axum::{
    body::Bytes,
    extract::rejection::BytesRejection,
    extract::{RawQuery, State, WebSocketUpgrade},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use serde_json::json;

use super::{HttpState, refusals::Refused, request};
use crate::{
    graphql::{
        error::{ErrorCode, request_error},
        loaders::Loaders,
        ws,
    },
    platform::request::RequestMeta,
};

/// `POST /graphql`: one operation as JSON.
pub async fn post(
    State(http): State<HttpState>,
    meta: RequestMeta,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if !is_json(&headers) {
        return refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the operation as application/json",
        );
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refusal_with(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                &format!(
                    "the body is larger than {} bytes; upload files through a presigned URL",
                    http.app.config.graphql.max_body_bytes
                ),
            );
        }
        Err(_) => {
            return refusal(StatusCode::BAD_REQUEST, "the body could not be read");
        }
    };
    if body.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'[') {
        return refusal(
            StatusCode::BAD_REQUEST,
            "batched operations are not supported",
        );
    }
    let graphql_request: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(parsed) => parsed,
        Err(_) => {
            return refusal(
                StatusCode::BAD_REQUEST,
                "the body is not a GraphQL request: expected {\"query\": ..., \"variables\": ...}",
            );
        }
    };
    execute(http, headers, meta, graphql_request).await
}

/// `GET /graphql`: GraphiQL for a browser in development, otherwise a query from the URL.
pub async fn get(
    State(http): State<HttpState>,
    meta: RequestMeta,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    if query.is_none() && wants_html {
        return if http.app.config.is_development() {
            Html(graphiql_page()).into_response()
        } else {
            StatusCode::NOT_FOUND.into_response()
        };
    }
    let graphql_request =
        match async_graphql::http::parse_query_string(query.as_deref().unwrap_or_default()) {
            Ok(parsed) => parsed,
            Err(_) => {
                return refusal(
                    StatusCode::BAD_REQUEST,
                    "the URL does not hold a GraphQL request",
                );
            }
        };
    // A hash names its document only once resolved: resolve before telling queries from mutations.
    let graphql_request = match http.documents.resolve(graphql_request) {
        Ok(resolved) => resolved,
        Err(error) => return respond(&headers, async_graphql::Response::from_errors(vec![error])),
    };
    if is_mutation(&graphql_request) {
        let mut response = refusal(
            StatusCode::METHOD_NOT_ALLOWED,
            "mutations must be sent with POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    execute(http, headers, meta, graphql_request).await
}

/// Subscriptions in GraphiQL authenticate like the web app, in `connection_init`: the fetcher is given
/// connection parameters read from the Headers tab (`{"Authorization": "Bearer <accessToken>"}`) each time it
/// opens its socket, so a second tab can watch `stockChanged` while the first one moves stock.
const GRAPHIQL_SOCKET_AUTH: &str = r#"<script>
      // Klang: send the Headers tab's Authorization as connection_init payload of graphql-transport-ws.
      const klangCreateFetcher = GraphiQL.createFetcher;
      GraphiQL.createFetcher = (options) => klangCreateFetcher({
        ...options,
        wsConnectionParams: () => {
          try { return JSON.parse(localStorage.getItem('graphiql:headers') || '{}'); } catch { return {}; }
        },
      });
    </script>
    <script>"#;

/// The GraphiQL page (development only), with socket authentication added before it renders.
fn graphiql_page() -> String {
    let page = GraphiQLSource::build()
        .endpoint("/graphql")
        .subscription_endpoint("/graphql/ws")
        .title("Klang GraphiQL")
        .finish();
    // The library's page renders from its last inline script; ours runs just before it.
    match page.rfind("<script>") {
        Some(at) => format!(
            "{}{GRAPHIQL_SOCKET_AUTH}{}",
            &page[..at],
            &page[at + "<script>".len()..]
        ),
        None => page,
    }
}

/// `GET /graphql/ws`: upgrades to graphql-transport-ws.
pub async fn websocket(
    State(http): State<HttpState>,
    meta: RequestMeta,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Some(protocol) = websocket_protocol(&headers) else {
        return refusal(
            StatusCode::BAD_REQUEST,
            "use the graphql-transport-ws subprotocol",
        );
    };
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            ws::serve(http.schema, http.app, socket, protocol, meta, http.shutdown)
        })
}

async fn execute(
    http: HttpState,
    headers: HeaderMap,
    meta: RequestMeta,
    graphql_request: async_graphql::Request,
) -> Response {
    let caller = request::caller(&http.app, &headers).await;
    let graphql_request = graphql_request
        .data(caller)
        .data(meta)
        .data(Loaders::new(&http.app));
    let limit = http.app.config.graphql.timeout;
    let graphql_response =
        match tokio::time::timeout(limit, http.schema.execute(graphql_request)).await {
            Ok(response) => response,
            Err(_) => {
                // Dropping the operation rolls back any transaction it had open.
                metrics::counter!("klang_graphql_timeouts_total").increment(1);
                tracing::warn!(
                    limit_ms = limit.as_millis() as u64,
                    "GraphQL operation stopped at its time limit"
                );
                async_graphql::Response::from_errors(vec![request_error(
                    ErrorCode::Timeout,
                    format!(
                        "the operation took longer than {} ms and was stopped",
                        limit.as_millis()
                    ),
                )])
            }
        };
    respond(&headers, graphql_response)
}

/// Writes a GraphQL response in the media type the client accepts.
fn respond(headers: &HeaderMap, graphql_response: async_graphql::Response) -> Response {
    let mut response_headers = graphql_response.http_headers.clone();
    let body = match serde_json::to_vec(&graphql_response) {
        Ok(body) => body,
        Err(_) => return refusal(StatusCode::INTERNAL_SERVER_ERROR, "internal error"),
    };
    // GraphQL over HTTP: a client that accepts application/graphql-response+json learns from the status that
    // the request itself was refused (parse, validation, limits); application/json keeps the legacy 200.
    let modern = accepts_graphql_response(headers);
    let refused = graphql_response.data == async_graphql::Value::Null
        && graphql_response.errors.iter().any(|error| {
            let code = error
                .extensions
                .as_ref()
                .and_then(|extensions| extensions.get("code"));
            ErrorCode::REQUEST_REFUSALS
                .iter()
                .any(|refusal| code == Some(&async_graphql::Value::from(refusal.as_str())))
        });
    let status = if modern && refused {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let media = if modern {
        GRAPHQL_RESPONSE_JSON
    } else {
        "application/json"
    };
    response_headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    let mut response = (status, response_headers, body).into_response();
    if refused {
        response.extensions_mut().insert(Refused);
    }
    response
}

/// The media type of the GraphQL-over-HTTP specification.
const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

fn accepts_graphql_response(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains(GRAPHQL_RESPONSE_JSON))
}

fn websocket_protocol(headers: &HeaderMap) -> Option<WebSocketProtocols> {
    headers
        .get(header::SEC_WEBSOCKET_PROTOCOL)?
        .to_str()
        .ok()?
        .split(',')
        .find_map(|protocol| protocol.trim().parse().ok())
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| {
            let media = media.trim();
            media.eq_ignore_ascii_case("application/json")
                || media.eq_ignore_ascii_case("application/graphql-response+json")
        })
}

fn is_mutation(graphql_request: &async_graphql::Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&graphql_request.query) else {
        return false;
    };
    document.operations.iter().any(|(name, operation)| {
        let selected = match (&graphql_request.operation_name, name) {
            (Some(wanted), Some(name)) => wanted == name.as_str(),
            _ => true,
        };
        selected && operation.node.ty == OperationType::Mutation
    })
}

/// A refusal before execution, in the GraphQL error shape.
fn refusal(status: StatusCode, message: &str) -> Response {
    refusal_with(status, ErrorCode::BadRequest, message)
}

/// A request refused at the HTTP layer, still as a GraphQL error with a code.
fn refusal_with(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let body = json!({"errors": [{"message": message, "extensions": {"code": code.as_str()}}]});
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response();
    if status.is_client_error() {
        response.extensions_mut().insert(Refused);
    }
    response
}
