//! Talking GraphQL over HTTP to a test app.

use serde_json::{Value, json};

use super::TestApp;

/// The sign-in mutation the helpers send (persisted-document tests list it in their manifest).
pub const SIGN_IN: &str = "mutation SignIn($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken accessTokenExpiresAt user { id email } } }";

/// Tokens from a sign-in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub access_token: String,
    pub refresh_token: String,
}

impl TestApp {
    /// Posts one operation; returns the whole JSON response.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(&json!({"query": query, "variables": variables}));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        response.json().await.expect("JSON response")
    }

    /// Signs in; panics unless it succeeds.
    pub async fn sign_in(&self, email: &str, password: &str) -> SignedIn {
        let response = self.sign_in_raw(email, password).await;
        let payload = &response["data"]["signIn"];
        assert!(payload.is_object(), "sign-in failed: {response}");
        SignedIn {
            access_token: payload["accessToken"].as_str().unwrap().to_owned(),
            refresh_token: payload["refreshToken"].as_str().unwrap().to_owned(),
        }
    }

    /// Signs in and returns the raw response.
    pub async fn sign_in_raw(&self, email: &str, password: &str) -> Value {
        self.gql(
            None,
            SIGN_IN,
            json!({"input": {"email": email, "password": password}}),
        )
        .await
    }

    /// Exchanges a refresh token; returns the raw response.
    pub async fn refresh_raw(&self, refresh_token: &str) -> Value {
        self.gql(
            None,
            "mutation Refresh($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }",
            json!({"input": {"refreshToken": refresh_token}}),
        )
        .await
    }

    /// Creates a VIEWER through the API as the holder of `token`; returns the new user's id.
    pub async fn create_user_as(&self, token: &str, email: &str, display_name: &str) -> String {
        let response = self
            .gql(
                Some(token),
                "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
                json!({"input": {"email": email, "displayName": display_name,
                                 "password": "Strong-pass-2026", "roles": ["VIEWER"]}}),
            )
            .await;
        response["data"]["createUser"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createUser failed: {response}"))
            .to_owned()
    }

    /// `me { id email }` with a token; returns the raw response.
    pub async fn me(&self, token: &str) -> Value {
        self.gql(Some(token), "{ me { id email roles } }", json!({}))
            .await
    }
}

/// The first error's `extensions.code`.
pub fn error_code(response: &Value) -> Option<String> {
    response["errors"][0]["extensions"]["code"]
        .as_str()
        .map(str::to_owned)
}

/// The first error's field paths.
pub fn error_paths(response: &Value) -> Vec<String> {
    response["errors"][0]["extensions"]["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .filter_map(|field| field["path"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
