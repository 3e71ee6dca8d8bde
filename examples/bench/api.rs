//! Talking to the running Klang service as a client does: GraphQL over HTTP, and `/metrics`.

use std::time::Duration;

use serde_json::{Value, json};

/// A GraphQL client for one signed-in user.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    base: String,
    token: String,
}

/// One product's id, as listed by the service.
pub type Id = String;

/// The seeded data the scenarios work on.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Every product id, newest first.
    pub products: Vec<Id>,
    /// Every warehouse id, with its code.
    pub warehouses: Vec<(Id, String)>,
}

impl Api {
    /// An HTTP client shared by every worker (keep-alive, no Nagle delay), not yet signed in.
    pub fn client(concurrency: usize) -> Result<reqwest::Client, String> {
        Self::client_from(concurrency, None)
    }

    /// As [`Api::client`], with connections made from `local_address` (another loopback address lets hostile
    /// clients be a different client address than the normal traffic, as they would be in life).
    pub fn client_from(
        concurrency: usize,
        local_address: Option<std::net::IpAddr>,
    ) -> Result<reqwest::Client, String> {
        reqwest::Client::builder()
            .tcp_nodelay(true)
            .pool_max_idle_per_host(concurrency.max(1) * 2)
            .timeout(Duration::from_secs(30))
            .local_address(local_address)
            .build()
            .map_err(|error| format!("HTTP client: {error}"))
    }

    /// Signs in at `base` (e.g. `http://127.0.0.1:18095`).
    pub async fn sign_in(
        http: reqwest::Client,
        base: &str,
        email: &str,
        password: &str,
    ) -> Result<Self, String> {
        let mut api = Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            token: String::new(),
        };
        let response = api
            .call(
                "mutation SignIn($input: SignInInput!) { signIn(input: $input) { accessToken } }",
                json!({"input": {"email": email, "password": password}}),
            )
            .await?;
        api.token = response["signIn"]["accessToken"]
            .as_str()
            .ok_or("signIn returned no access token")?
            .to_owned();
        Ok(api)
    }

    /// Uses a token from an earlier sign-in (repeated runs against one service stay under the sign-in
    /// rate limit).
    pub fn with_token(http: reqwest::Client, base: &str, token: &str) -> Self {
        Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
        }
    }

    /// The service's base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The access token (for the WebSocket's `connection_init`).
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The JSON body of one operation, built once and sent many times.
    pub fn body(query: &str, variables: Value) -> String {
        json!({"query": query, "variables": variables}).to_string()
    }

    /// Sends a prepared body; succeeds on HTTP 200 without GraphQL errors. The response is scanned, not
    /// parsed, to keep the client's share of the two cores small.
    pub async fn send(&self, body: String) -> Result<(), String> {
        post_checked(
            &self.http,
            &format!("{}/graphql", self.base),
            Some(&self.token),
            body,
        )
        .await
    }

    /// Runs one operation and returns its `data`, or the errors as text.
    pub async fn call(&self, query: &str, variables: Value) -> Result<Value, String> {
        let mut request = self
            .http
            .post(format!("{}/graphql", self.base))
            .header("content-type", "application/json")
            .body(Self::body(query, variables));
        if !self.token.is_empty() {
            request = request.bearer_auth(&self.token);
        }
        let response = request.send().await.map_err(|error| error.to_string())?;
        let status = response.status();
        let value: Value = response
            .json()
            .await
            .map_err(|error| format!("HTTP {status}: {error}"))?;
        if let Some(errors) = value.get("errors") {
            return Err(format!("HTTP {status}: {errors}"));
        }
        Ok(value["data"].clone())
    }

    /// Finds the seeded products and warehouses.
    pub async fn catalog(&self) -> Result<Catalog, String> {
        let warehouses = self.call("{ warehouses { id code } }", json!({})).await?;
        let warehouses = warehouses["warehouses"]
            .as_array()
            .ok_or("no warehouses")?
            .iter()
            .filter_map(|w| Some((w["id"].as_str()?.to_owned(), w["code"].as_str()?.to_owned())))
            .collect::<Vec<_>>();
        let mut products = Vec::new();
        let mut after = Value::Null;
        loop {
            let page = self
                .call(
                    "query Ids($after: String) { products(first: 100, after: $after) {
                       edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                    json!({"after": after}),
                )
                .await?;
            let connection = &page["products"];
            products.extend(
                connection["edges"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|edge| edge["node"]["id"].as_str().map(str::to_owned)),
            );
            if connection["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = connection["pageInfo"]["endCursor"].clone();
        }
        if warehouses.is_empty() || products.len() < 70 {
            return Err(format!(
                "the seeded catalog is too small ({} products, {} warehouses): run `klang seed` first",
                products.len(),
                warehouses.len()
            ));
        }
        Ok(Catalog {
            products,
            warehouses,
        })
    }

    /// Receives `quantity` units (untimed set-up: keeps issue scenarios far from running out).
    pub async fn receive(
        &self,
        product: &str,
        warehouse: &str,
        quantity: i64,
    ) -> Result<Value, String> {
        self.call(
            "mutation Receive($input: MoveStockInput!) { receiveStock(input: $input) { movement { id } level { onHand } } }",
            json!({"input": {"productId": product, "warehouseId": warehouse, "quantity": quantity}}),
        )
        .await
    }

    /// The Prometheus text from `/metrics`.
    pub async fn metrics(&self) -> Result<Metrics, String> {
        let text = self
            .http
            .get(format!("{}/metrics", self.base))
            .send()
            .await
            .map_err(|error| error.to_string())?
            .text()
            .await
            .map_err(|error| error.to_string())?;
        Ok(Metrics(text))
    }
}

/// POSTs a JSON body; succeeds on HTTP 200 whose body has no top-level GraphQL `errors`.
pub async fn post_checked(
    http: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    body: String,
) -> Result<(), String> {
    let mut request = http
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.map_err(|error| error.to_string())?;
    let status = response.status();
    let bytes = response.bytes().await.map_err(|error| error.to_string())?;
    if !status.is_success() || contains(&bytes, b"\"errors\":") {
        return Err(format!(
            "HTTP {status}: {}",
            String::from_utf8_lossy(&bytes)
        ));
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// One scrape of `/metrics`.
pub struct Metrics(String);

impl Metrics {
    /// The sum of every series of `name` whose labels contain `label` (e.g. `result="hit"`).
    pub fn sum(&self, name: &str, label: &str) -> f64 {
        self.0
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let (series, value) = line.rsplit_once(' ')?;
                let matches = series == name
                    || (series.starts_with(&format!("{name}{{")) && series.contains(label));
                matches.then(|| value.parse::<f64>().ok()).flatten()
            })
            .sum()
    }
}
