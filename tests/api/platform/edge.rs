//! The HTTP edge: only JSON posts, no batches, no mutations over GET, document limits, request ids.

use klang::platform::auth::Role;
use serde_json::json;

use crate::helpers::{error_code, spawn_app};

#[tokio::test]
async fn form_and_text_bodies_are_refused_with_415() {
    let app = spawn_app().await;
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("content-type", content_type)
            .body(r#"{"query":"{ __typename }"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 415, "{content_type}");
    }
}

#[tokio::test]
async fn batches_are_refused() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!([{"query": "{ __typename }"}, {"query": "{ __typename }"}]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error_code(&body).as_deref(), Some("BAD_REQUEST"));
}

#[tokio::test]
async fn a_mutation_over_get_is_405_and_runs_nothing() {
    let app = spawn_app().await;
    let email = app.create_user(Role::Viewer).await;
    let query = format!(
        "mutation {{ signIn(input: {{email: \"{email}\", password: \"Test-password-2026\"}}) {{ accessToken }} }}"
    );
    let response = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[("query", query.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let mut db = app.db().await;
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
    let query_over_get = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[("query", "{ __typename }")])
        .send()
        .await
        .unwrap();
    assert_eq!(query_over_get.status(), 200);
}

#[tokio::test]
async fn too_many_aliases_or_root_fields_are_refused() {
    let app = spawn_app().await;
    let aliases: String = (0..40).map(|index| format!("a{index}: id ")).collect();
    let response = app
        .gql(None, &format!("{{ me {{ {aliases} }} }}"), json!({}))
        .await;
    assert_eq!(
        error_code(&response).as_deref(),
        Some("BAD_REQUEST"),
        "{response}"
    );
    assert!(
        response["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("uses 40"),
        "{response}"
    );
    let roots: String = (0..25)
        .map(|index| format!("r{index}: __typename "))
        .collect();
    let response = app.gql(None, &format!("{{ {roots} }}"), json!({})).await;
    assert_eq!(
        error_code(&response).as_deref(),
        Some("BAD_REQUEST"),
        "{response}"
    );
    assert!(
        response["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("root fields"),
        "{response}"
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = spawn_app().await;
    let padding = " ".repeat(300 * 1024);
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("content-type", "application/json")
        .body(format!(r#"{{"query":"{{ __typename }}{padding}"}}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: serde_json::Value = response.json().await.expect("a JSON GraphQL error");
    assert_eq!(
        error_code(&body).as_deref(),
        Some("PAYLOAD_TOO_LARGE"),
        "{body}"
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_errors_hide_internals() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert!(response.headers().contains_key("x-request-id"));
    let given = app
        .client
        .get(format!("{}/healthz", app.address))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(given.headers()["x-request-id"], "abc-123");
    let bad_token = app.me("garbage").await;
    assert_eq!(error_code(&bad_token).as_deref(), Some("UNAUTHENTICATED"));
    assert_eq!(bad_token["errors"][0]["message"], "access token invalid");
}

#[tokio::test]
async fn metrics_expose_http_and_graphql_series() {
    let app = spawn_app().await;
    app.gql(None, "query Probe { __typename }", json!({})).await;
    app.gql(None, "query ProbeMe { me { id } }", json!({}))
        .await;
    app.client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .unwrap();
    let text = app.metrics().await;
    assert!(text.contains("klang_http_requests_total"), "{text}");
    assert!(
        text.contains("klang_graphql_operations_total{operation=\"Probe\",outcome=\"success\"}")
    );
    assert!(text.contains("klang_graphql_operation_duration_seconds_bucket"));
    assert!(text.contains("klang_db_pool_connections"));
    assert!(text.contains("klang_db_pool_max_connections 10"), "{text}");
    assert!(text.contains("# HELP klang_http_requests_total"));
    assert!(text.contains("klang_build_info{version="));
    assert!(
        text.contains("klang_kafka_publish_failures_total"),
        "alerting counters exist from the start"
    );
    assert!(
        text.contains(
            "klang_graphql_errors_total{operation=\"ProbeMe\",code=\"UNAUTHENTICATED\"} 1"
        ),
        "errors are counted by code: {text}"
    );
    assert!(text.contains("klang_db_pool_acquire_probe_seconds"));
    assert!(
        text.contains("process_resident_memory_bytes"),
        "process metrics"
    );
    // Gauges are process-wide and outage tests run beside this one: check they exist, not their value.
    assert!(text.contains("klang_ready "), "{text}");
    assert!(text.contains("klang_dependency_up{dependency=\"kafka\"}"));
}

#[tokio::test]
async fn errors_raised_by_the_graphql_engine_carry_codes_too() {
    let app = spawn_app().await;
    let unknown_field = app.gql(None, "{ me { nope } }", json!({})).await;
    assert_eq!(
        error_code(&unknown_field).as_deref(),
        Some("BAD_REQUEST"),
        "{unknown_field}"
    );
    let unparsable = app.gql(None, "{ me { ", json!({})).await;
    assert_eq!(
        error_code(&unparsable).as_deref(),
        Some("BAD_REQUEST"),
        "{unparsable}"
    );
    let bad_enum = app
        .gql(
            None,
            "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
            json!({"input": {"email": "a@b.co", "displayName": "A", "password": "Strong-pass-2026", "roles": ["ROOT"]}}),
        )
        .await;
    assert!(error_code(&bad_enum).is_some(), "{bad_enum}");
}

/// The introspection query GraphiQL sends to build its docs panel (graphql-js 16 shape: `args` and type
/// references nested seven `ofType` levels deep).
const INTROSPECTION: &str = r#"
query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}"#;

#[tokio::test]
async fn graphiql_introspection_fits_the_default_limits_in_development() {
    let app = spawn_app().await;
    let response = app.gql(None, INTROSPECTION, json!({})).await;
    assert!(
        response["errors"].is_null(),
        "{}",
        &response.to_string()[..400.min(response.to_string().len())]
    );
    assert_eq!(response["data"]["__schema"]["queryType"]["name"], "Query");
}

#[tokio::test]
async fn a_fragment_bomb_is_refused_at_once_and_others_are_served() {
    let app = spawn_app().await;
    let mut query = String::from("query Bomb { ...F0 }\n");
    for level in 0..25 {
        query.push_str(&format!(
            "fragment F{level} on Query {{ ...F{next} ...F{next} }}\n",
            next = level + 1
        ));
    }
    query.push_str("fragment F25 on Query { __typename }\n");
    let bomb = app.gql(None, &query, json!({})).await;
    assert_eq!(error_code(&bomb).as_deref(), Some("BAD_REQUEST"), "{bomb}");
    assert!(
        bomb["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("fragments are expanded")
    );
    let flood = app
        .gql(
            None,
            &format!("{{ {} }}", "__typename ".repeat(5000)),
            json!({}),
        )
        .await;
    assert_eq!(error_code(&flood).as_deref(), Some("BAD_REQUEST"));
    let normal = app.gql(None, "{ __typename }", json!({})).await;
    assert_eq!(normal["data"]["__typename"], "Query");
}

#[tokio::test]
async fn graphql_response_json_clients_get_400_for_refused_requests() {
    let app = spawn_app().await;
    let send = |accept: &'static str, query: &'static str| {
        app.client
            .post(format!("{}/graphql", app.address))
            .header("accept", accept)
            .json(&json!({"query": query}))
            .send()
    };
    let modern = send("application/graphql-response+json", "{ nope }")
        .await
        .unwrap();
    assert_eq!(modern.status(), 400);
    assert_eq!(
        modern.headers()["content-type"],
        "application/graphql-response+json"
    );
    let legacy = send("application/json", "{ nope }").await.unwrap();
    assert_eq!(legacy.status(), 200);
    let executed = send("application/graphql-response+json", "{ me { id } }")
        .await
        .unwrap();
    assert_eq!(
        executed.status(),
        200,
        "an execution error is not a refused request"
    );
}

#[tokio::test]
async fn graphiql_sends_the_headers_tab_authorization_when_it_opens_a_socket() {
    let app = spawn_app().await;
    let page = app
        .client
        .get(format!("{}/graphql", app.address))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let patched = page
        .find("klangCreateFetcher")
        .expect("socket authentication added");
    let rendered = page
        .find("ReactDOM.createRoot")
        .expect("the page still renders GraphiQL");
    assert!(patched < rendered, "the patch runs before GraphiQL renders");
    assert!(page.contains("graphiql:headers"));
}
