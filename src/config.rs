//! Typed configuration loaded once from the environment at start-up.
//!
//! Every setting has a development default so that `klang serve` runs on a fresh machine; production mode
//! (`KLANG_ENV=production`) refuses to start with any development secret or with developer conveniences on.

use std::{
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    time::Duration,
};

use ipnet::IpNet;
use thiserror::Error;

/// The secret used to sign access tokens when `JWT_SECRET` is unset. Production refuses it.
pub const DEVELOPMENT_JWT_SECRET: &str = "klang-development-secret-change-me-0123456789";

/// Which kind of deployment this process is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// Local development and tests: GraphiQL, introspection and embedded defaults allowed.
    Development,
    /// Production: strict secrets, no playground, no introspection.
    Production,
}

/// A configuration value that could not be used, naming the environment variable at fault.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The variable is set but cannot be parsed.
    #[error("{variable} is invalid: {reason}")]
    Invalid {
        /// Environment variable name.
        variable: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// Production mode found a development default where a real value is required.
    #[error("{variable} must be set to a non-development value when KLANG_ENV=production")]
    DevelopmentValueInProduction {
        /// Environment variable name.
        variable: &'static str,
    },
}

/// Lifetimes of the two tokens a sign-in hands out.
#[derive(Debug, Clone)]
pub struct TokenConfig {
    /// Lifetime of a JWT access token (default 10 minutes).
    pub access_ttl: Duration,
    /// Lifetime of an opaque refresh token and its session (default 30 days).
    pub refresh_ttl: Duration,
    /// HMAC secret for HS256 access tokens.
    pub jwt_secret: String,
    /// Whether the refresh cookie carries the `Secure` attribute (always on in production).
    pub secure_cookie: bool,
}

/// Sign-in rate limits (fixed windows).
#[derive(Debug, Clone)]
pub struct RateLimitConfig {
    /// Attempts allowed per account within one window.
    pub sign_in_per_account: u32,
    /// Attempts allowed per client IP within one window.
    pub sign_in_per_ip: u32,
    /// Window length.
    pub window: Duration,
}

/// GraphQL execution limits.
#[derive(Debug, Clone)]
pub struct GraphqlLimits {
    /// Maximum selection depth.
    pub max_depth: usize,
    /// Maximum complexity (async-graphql's cost model).
    pub max_complexity: usize,
    /// Maximum number of aliased fields in one document.
    pub max_aliases: usize,
    /// Maximum number of root fields in one operation.
    pub max_root_fields: usize,
    /// Maximum fields and directives in one operation after fragment expansion.
    pub max_selections: usize,
    /// Maximum request body size in bytes.
    pub max_body_bytes: usize,
    /// Which operations run: any document, or only persisted ones.
    pub trusted_documents: TrustedDocuments,
    /// Complexity points one signed-in user may spend per minute (0 = no budget).
    pub cost_budget_per_user: u64,
    /// Complexity points one client address may spend per minute (0 = no budget).
    pub cost_budget_per_address: u64,
    /// The longest one HTTP operation may run before it is stopped.
    pub timeout: Duration,
    /// Open WebSockets allowed per user on one instance.
    pub max_sockets_per_user: usize,
    /// How often the server pings each WebSocket; a client silent for four intervals is disconnected.
    pub ping_interval: Duration,
    /// Refused requests one address may send per `refusal_window` before it is penalised (0 = never).
    pub refusals_per_address: u64,
    /// The window refusals are counted in.
    pub refusal_window: Duration,
    /// How long a penalised address is answered 429 without being served.
    pub refusal_penalty: Duration,
    /// How long each answer to a penalised address is held back.
    pub refusal_tarpit: Duration,
}

/// Which GraphQL documents the service runs (`GRAPHQL_TRUSTED_DOCUMENTS`, `GRAPHQL_PERSISTED_DOCUMENTS`).
#[derive(Debug, Clone)]
pub struct TrustedDocuments {
    /// Only documents from the manifests run (`required`, the production default); otherwise any document runs
    /// and the manifests only resolve hashes (`optional`, the development default).
    pub required: bool,
    /// Manifests (JSON objects of `sha256:<hex>` or `<hex>` to document), comma-separated; the default names
    /// the web app's generated manifest and the integrations' allow-list, each skipped when the file is absent.
    pub manifests: Vec<PathBuf>,
    /// Whether the manifests were named explicitly (then a missing file is an error).
    pub manifests_explicit: bool,
}

/// Webhook fan-out and delivery.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// How often the fan-out and delivery workers poll when no notification arrives (`WEBHOOK_POLL_MS`,
    /// default 1000).
    pub poll_interval: Duration,
    /// The first retry delay; attempt `n` waits `base × 2^(n-1)`, at most an hour (`WEBHOOK_RETRY_BASE_MS`,
    /// default 10000).
    pub retry_base: Duration,
    /// Attempts before a delivery is marked failed (`WEBHOOK_MAX_ATTEMPTS`, default 8).
    pub max_attempts: i32,
    /// How long one POST may take (`WEBHOOK_TIMEOUT_MS`, default 10000).
    pub timeout: Duration,
    /// How long delivered and failed deliveries are kept (`WEBHOOK_DELIVERY_RETENTION_SECONDS`, default 30 days).
    pub delivery_retention: Duration,
}

/// Where uploaded files (product images) are kept.
#[derive(Debug, Clone)]
pub enum StorageConfig {
    /// An S3-compatible bucket (`S3_ENDPOINT` set).
    S3(S3Config),
    /// A local folder served by the service itself (`MEDIA_DIR`, default `data/media`), when no S3 is set.
    Folder {
        /// The folder.
        root: PathBuf,
    },
}

/// An S3-compatible bucket.
#[derive(Debug, Clone)]
pub struct S3Config {
    /// Endpoint the service reaches (`S3_ENDPOINT`), e.g. `https://s3.ap-southeast-1.amazonaws.com`.
    pub endpoint: String,
    /// Endpoint browsers reach, when it differs (`S3_PUBLIC_ENDPOINT`, default `S3_ENDPOINT`).
    pub public_endpoint: String,
    /// Bucket (`S3_BUCKET`, default `klang-product-images`).
    pub bucket: String,
    /// Region (`S3_REGION`, default `ap-southeast-1`).
    pub region: String,
    /// Access key id (`S3_ACCESS_KEY_ID`).
    pub access_key_id: String,
    /// Secret access key (`S3_SECRET_ACCESS_KEY`).
    pub secret_access_key: String,
}

/// The manifests read when `GRAPHQL_PERSISTED_DOCUMENTS` is unset.
pub const DEFAULT_PERSISTED_DOCUMENTS: &str =
    "web/src/gql/persisted-documents.json,deploy/graphql/integrations.json";

/// The whole configuration of one Klang process.
#[derive(Debug, Clone)]
pub struct Config {
    /// Development or production.
    pub environment: Environment,
    /// Address the HTTP server binds to (`KLANG_LISTEN`, default `127.0.0.1:8080`).
    pub listen: SocketAddr,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`: comma-separated addresses or
    /// CIDR ranges, default none): behind them the client address is the right-most forwarded address that
    /// is not itself a trusted proxy.
    pub trusted_proxies: Vec<IpNet>,
    /// PostgreSQL connection string (`DATABASE_URL`).
    pub database_url: String,
    /// Maximum PostgreSQL pool size (`DATABASE_MAX_CONNECTIONS`).
    pub database_max_connections: u32,
    /// Redis URL (`REDIS_URL`); `None` runs the in-memory cache and limiter.
    pub redis_url: Option<String>,
    /// Prefix of every Redis key this instance writes (`REDIS_KEY_PREFIX`).
    pub redis_key_prefix: String,
    /// Kafka bootstrap servers (`KAFKA_BROKERS`); `None` runs the in-process bus.
    pub kafka_brokers: Option<String>,
    /// Prefix of every Kafka topic (`KAFKA_TOPIC_PREFIX`), so tests and tenants do not collide.
    pub kafka_topic_prefix: String,
    /// Replication factor of the topics the service creates (`KAFKA_REPLICATION_FACTOR`, 3 on a real cluster).
    pub kafka_replication_factor: i32,
    /// Token lifetimes and signing secret.
    pub tokens: TokenConfig,
    /// Sign-in rate limits.
    pub rate_limits: RateLimitConfig,
    /// GraphQL limits.
    pub graphql: GraphqlLimits,
    /// How often the outbox relay polls when no notification arrives (`OUTBOX_POLL_MS`).
    pub outbox_poll_interval: Duration,
    /// Origins allowed to call the API from a browser (`KLANG_ALLOWED_ORIGINS`, comma-separated).
    pub allowed_origins: Vec<String>,
    /// How long published events stay replayable for resuming subscriptions (`EVENT_REPLAY_WINDOW_SECONDS`,
    /// default 7 days).
    pub event_replay_window: Duration,
    /// How long idempotency keys and their results are kept (`IDEMPOTENCY_KEY_RETENTION_SECONDS`, default 7
    /// days); a repeat after that is applied anew.
    pub idempotency_key_retention: Duration,
    /// Where uploaded files go.
    pub storage: StorageConfig,
    /// Webhook fan-out and delivery.
    pub webhooks: WebhookConfig,
    /// Public base URL printed at start (`KLANG_PUBLIC_URL`).
    pub public_url: String,
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so tests can supply their own variables.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let reader = Reader { lookup: &lookup };
        let environment = match reader.string("KLANG_ENV", "development").as_str() {
            "development" | "dev" | "test" => Environment::Development,
            "production" | "prod" => Environment::Production,
            other => {
                return Err(ConfigError::Invalid {
                    variable: "KLANG_ENV",
                    reason: format!("expected development or production, got {other:?}"),
                });
            }
        };
        let production = environment == Environment::Production;
        let listen: SocketAddr = reader.parse("KLANG_LISTEN", "127.0.0.1:8080")?;
        let config = Self {
            environment,
            listen,
            trusted_proxies: reader.networks("TRUSTED_PROXIES")?,
            database_url: reader.string(
                "DATABASE_URL",
                "postgres://klang:klang@127.0.0.1:15432/klang",
            ),
            database_max_connections: reader.parse("DATABASE_MAX_CONNECTIONS", "20")?,
            redis_url: reader.optional("REDIS_URL"),
            redis_key_prefix: reader.string("REDIS_KEY_PREFIX", "klang:"),
            kafka_brokers: reader.optional("KAFKA_BROKERS"),
            kafka_topic_prefix: reader.string("KAFKA_TOPIC_PREFIX", ""),
            kafka_replication_factor: reader.parse("KAFKA_REPLICATION_FACTOR", "1")?,
            tokens: TokenConfig {
                access_ttl: Duration::from_secs(reader.parse("ACCESS_TOKEN_TTL_SECONDS", "600")?),
                refresh_ttl: Duration::from_secs(
                    reader.parse("REFRESH_TOKEN_TTL_SECONDS", "2592000")?,
                ),
                jwt_secret: reader.string("JWT_SECRET", DEVELOPMENT_JWT_SECRET),
                secure_cookie: production || reader.parse("KLANG_SECURE_COOKIE", "false")?,
            },
            rate_limits: RateLimitConfig {
                sign_in_per_account: reader.parse("SIGN_IN_LIMIT_PER_ACCOUNT", "10")?,
                sign_in_per_ip: reader.parse("SIGN_IN_LIMIT_PER_IP", "50")?,
                window: Duration::from_secs(reader.parse("SIGN_IN_LIMIT_WINDOW_SECONDS", "300")?),
            },
            graphql: GraphqlLimits {
                max_depth: reader.parse("GRAPHQL_MAX_DEPTH", "15")?,
                max_complexity: reader.parse("GRAPHQL_MAX_COMPLEXITY", "5000")?,
                max_aliases: reader.parse("GRAPHQL_MAX_ALIASES", "30")?,
                max_root_fields: reader.parse("GRAPHQL_MAX_ROOT_FIELDS", "20")?,
                max_selections: reader.parse("GRAPHQL_MAX_SELECTIONS", "1000")?,
                max_body_bytes: reader.parse("GRAPHQL_MAX_BODY_BYTES", "262144")?,
                cost_budget_per_user: reader.parse("GRAPHQL_COST_BUDGET_PER_USER", "120000")?,
                cost_budget_per_address: reader
                    .parse("GRAPHQL_COST_BUDGET_PER_ADDRESS", "600000")?,
                timeout: Duration::from_millis(reader.parse("GRAPHQL_TIMEOUT_MS", "15000")?),
                max_sockets_per_user: reader.parse("GRAPHQL_WS_MAX_SOCKETS_PER_USER", "8")?,
                ping_interval: Duration::from_secs(reader.parse("GRAPHQL_WS_PING_SECONDS", "15")?),
                refusals_per_address: reader.parse("GRAPHQL_REFUSALS_PER_ADDRESS", "60")?,
                refusal_window: Duration::from_secs(
                    reader.parse("GRAPHQL_REFUSAL_WINDOW_SECONDS", "10")?,
                ),
                refusal_penalty: Duration::from_secs(
                    reader.parse("GRAPHQL_REFUSAL_PENALTY_SECONDS", "60")?,
                ),
                refusal_tarpit: Duration::from_millis(
                    reader.parse("GRAPHQL_REFUSAL_TARPIT_MS", "1000")?,
                ),
                trusted_documents: TrustedDocuments {
                    required: match reader
                        .string(
                            "GRAPHQL_TRUSTED_DOCUMENTS",
                            if production { "required" } else { "optional" },
                        )
                        .as_str()
                    {
                        "required" => true,
                        "optional" => false,
                        other => {
                            return Err(ConfigError::Invalid {
                                variable: "GRAPHQL_TRUSTED_DOCUMENTS",
                                reason: format!("expected required or optional, got {other:?}"),
                            });
                        }
                    },
                    manifests: reader
                        .string("GRAPHQL_PERSISTED_DOCUMENTS", DEFAULT_PERSISTED_DOCUMENTS)
                        .split(',')
                        .map(str::trim)
                        .filter(|path| !path.is_empty())
                        .map(PathBuf::from)
                        .collect(),
                    manifests_explicit: reader.optional("GRAPHQL_PERSISTED_DOCUMENTS").is_some(),
                },
            },
            outbox_poll_interval: Duration::from_millis(reader.parse("OUTBOX_POLL_MS", "1000")?),
            allowed_origins: reader
                .string("KLANG_ALLOWED_ORIGINS", "http://localhost:3000")
                .split(',')
                .map(|origin| origin.trim().to_owned())
                .filter(|origin| !origin.is_empty())
                .collect(),
            event_replay_window: Duration::from_secs(
                reader.parse("EVENT_REPLAY_WINDOW_SECONDS", "604800")?,
            ),
            idempotency_key_retention: Duration::from_secs(
                reader.parse("IDEMPOTENCY_KEY_RETENTION_SECONDS", "604800")?,
            ),
            storage: match reader.optional("S3_ENDPOINT") {
                Some(endpoint) => StorageConfig::S3(S3Config {
                    public_endpoint: reader.string("S3_PUBLIC_ENDPOINT", &endpoint),
                    endpoint,
                    bucket: reader.string("S3_BUCKET", "klang-product-images"),
                    region: reader.string("S3_REGION", "ap-southeast-1"),
                    access_key_id: reader.required("S3_ACCESS_KEY_ID")?,
                    secret_access_key: reader.required("S3_SECRET_ACCESS_KEY")?,
                }),
                None => StorageConfig::Folder {
                    root: PathBuf::from(reader.string("MEDIA_DIR", "data/media")),
                },
            },
            webhooks: WebhookConfig {
                poll_interval: Duration::from_millis(reader.parse("WEBHOOK_POLL_MS", "1000")?),
                retry_base: Duration::from_millis(reader.parse("WEBHOOK_RETRY_BASE_MS", "10000")?),
                max_attempts: reader.parse("WEBHOOK_MAX_ATTEMPTS", "8")?,
                timeout: Duration::from_millis(reader.parse("WEBHOOK_TIMEOUT_MS", "10000")?),
                delivery_retention: Duration::from_secs(
                    reader.parse("WEBHOOK_DELIVERY_RETENTION_SECONDS", "2592000")?,
                ),
            },
            public_url: reader.string("KLANG_PUBLIC_URL", &format!("http://{listen}")),
        };
        config.validate()?;
        Ok(config)
    }

    /// Whether developer conveniences (GraphiQL, introspection, verbose errors) are allowed.
    pub fn is_development(&self) -> bool {
        self.environment == Environment::Development
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.tokens.jwt_secret.len() < 32 {
            return Err(ConfigError::Invalid {
                variable: "JWT_SECRET",
                reason: "must be at least 32 characters".into(),
            });
        }
        if self.tokens.access_ttl.is_zero() || self.tokens.refresh_ttl <= self.tokens.access_ttl {
            return Err(ConfigError::Invalid {
                variable: "REFRESH_TOKEN_TTL_SECONDS",
                reason: "must be longer than ACCESS_TOKEN_TTL_SECONDS, which must be positive"
                    .into(),
            });
        }
        for (variable, duration) in [
            ("WEBHOOK_POLL_MS", self.webhooks.poll_interval),
            ("WEBHOOK_RETRY_BASE_MS", self.webhooks.retry_base),
            ("WEBHOOK_TIMEOUT_MS", self.webhooks.timeout),
        ] {
            if duration.is_zero() {
                return Err(ConfigError::Invalid {
                    variable,
                    reason: "must be positive".into(),
                });
            }
        }
        if !(1..=100).contains(&self.webhooks.max_attempts) {
            return Err(ConfigError::Invalid {
                variable: "WEBHOOK_MAX_ATTEMPTS",
                reason: "must be 1 to 100".into(),
            });
        }
        if self.environment == Environment::Production {
            if self.tokens.jwt_secret == DEVELOPMENT_JWT_SECRET {
                return Err(ConfigError::DevelopmentValueInProduction {
                    variable: "JWT_SECRET",
                });
            }
            if self.database_url.contains("klang:klang@") {
                return Err(ConfigError::DevelopmentValueInProduction {
                    variable: "DATABASE_URL",
                });
            }
        }
        Ok(())
    }
}

struct Reader<'a> {
    lookup: &'a dyn Fn(&str) -> Option<String>,
}

impl Reader<'_> {
    fn optional(&self, name: &str) -> Option<String> {
        (self.lookup)(name).filter(|value| !value.trim().is_empty())
    }

    fn string(&self, name: &str, default: &str) -> String {
        self.optional(name).unwrap_or_else(|| default.to_owned())
    }

    fn required(&self, name: &'static str) -> Result<String, ConfigError> {
        self.optional(name).ok_or(ConfigError::Invalid {
            variable: name,
            reason: "must be set".into(),
        })
    }

    /// A comma-separated list of addresses (`10.0.0.5`) or ranges (`10.0.0.0/8`); empty when unset.
    fn networks(&self, name: &'static str) -> Result<Vec<IpNet>, ConfigError> {
        self.string(name, "")
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| ConfigError::Invalid {
                        variable: name,
                        reason: format!("{item:?} is neither an address nor a CIDR range"),
                    })
            })
            .collect()
    }

    fn parse<T>(&self, name: &'static str, default: &str) -> Result<T, ConfigError>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        self.string(name, default)
            .trim()
            .parse()
            .map_err(|error: T::Err| ConfigError::Invalid {
                variable: name,
                reason: error.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|name| {
            vars.iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        })
    }

    #[test]
    fn development_defaults_are_usable() {
        let config = config_with(&[]).expect("defaults are valid");
        assert!(config.is_development());
        assert_eq!(config.tokens.access_ttl, Duration::from_secs(600));
        assert_eq!(
            config.tokens.refresh_ttl,
            Duration::from_secs(30 * 24 * 3600)
        );
        assert!(config.redis_url.is_none());
    }

    #[test]
    fn production_refuses_the_development_secret() {
        let error = config_with(&[("KLANG_ENV", "production")]).unwrap_err();
        assert!(error.to_string().contains("JWT_SECRET"), "{error}");
    }

    #[test]
    fn production_refuses_the_development_database_password() {
        let error = config_with(&[
            ("KLANG_ENV", "production"),
            ("JWT_SECRET", "a-real-secret-that-is-long-enough-1234567890"),
        ])
        .unwrap_err();
        assert!(error.to_string().contains("DATABASE_URL"), "{error}");
    }

    #[test]
    fn webhook_settings_are_checked() {
        let error = config_with(&[("WEBHOOK_MAX_ATTEMPTS", "0")]).unwrap_err();
        assert!(
            error.to_string().starts_with("WEBHOOK_MAX_ATTEMPTS"),
            "{error}"
        );
        let error = config_with(&[("WEBHOOK_RETRY_BASE_MS", "0")]).unwrap_err();
        assert!(
            error.to_string().starts_with("WEBHOOK_RETRY_BASE_MS"),
            "{error}"
        );
    }

    #[test]
    fn a_bad_number_names_its_variable() {
        let error = config_with(&[("ACCESS_TOKEN_TTL_SECONDS", "ten")]).unwrap_err();
        assert!(
            error.to_string().starts_with("ACCESS_TOKEN_TTL_SECONDS"),
            "{error}"
        );
    }
}
