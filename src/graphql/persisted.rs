//! Persisted documents ("trusted documents"): operations known ahead of time by their SHA-256 hash.
//!
//! Clients send `extensions.persistedQuery.sha256Hash` (bare hex, or `sha256:<hex>` as GraphQL Code Generator
//! writes its manifest keys) with or without the document itself, over POST, GET or the WebSocket. The hash is
//! resolved here, in the request's first step, so every transport and every later check (limits, validation)
//! sees the full document.
//!
//! With trusted documents required (production), only documents in the manifests run: the web app's generated
//! manifest and the integrations' allow-list (Robot, n8n). A full document is accepted when its own hash is in a
//! manifest, so integrations may send text as long as it is byte-for-byte the listed one. With trusted documents
//! optional (development), any document runs and hashes are a bandwidth saving.

use std::{collections::HashMap, path::Path, sync::Arc};

use async_graphql::{
    Request, ServerResult,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest},
};
use sha2::{Digest, Sha256};

use super::error::{ErrorCode, request_error};
use crate::config::TrustedDocuments;

/// The message Apollo-style clients (urql's persisted exchange among them) match on to resend the full document.
const NOT_FOUND_MESSAGE: &str = "PersistedQueryNotFound";

/// Why the manifests could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// A named manifest could not be read.
    #[error("reading persisted documents from {path}: {source}")]
    Read {
        /// The manifest.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A manifest is not a JSON object of hash to document, or a hash does not match its document.
    #[error("persisted documents in {path}: {reason}")]
    Invalid {
        /// The manifest.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// Trusted documents are required but no manifest lists any.
    #[error(
        "GRAPHQL_TRUSTED_DOCUMENTS=required, but GRAPHQL_PERSISTED_DOCUMENTS lists no documents"
    )]
    NoneWhileRequired,
}

/// The documents this service knows by hash, and whether only they may run.
#[derive(Debug, Default)]
pub struct PersistedDocuments {
    documents: HashMap<String, Arc<str>>,
    required: bool,
}

impl PersistedDocuments {
    /// Loads the configured manifests; a default manifest that does not exist is skipped.
    pub fn load(config: &TrustedDocuments) -> Result<Self, ManifestError> {
        let mut documents = HashMap::new();
        for path in &config.manifests {
            if !config.manifests_explicit && !path.exists() {
                continue;
            }
            documents.extend(read_manifest(path)?);
        }
        if config.required && documents.is_empty() {
            return Err(ManifestError::NoneWhileRequired);
        }
        Ok(Self {
            documents,
            required: config.required,
        })
    }

    /// How many documents are known.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Whether no document is known.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Fills in the document of a request that names one by hash, and refuses what may not run.
    pub fn resolve(&self, mut request: Request) -> ServerResult<Request> {
        let sent_document = !request.query.trim().is_empty();
        match requested_hash(&request)? {
            Some(hash) => {
                if sent_document && hash_of(&request.query) != hash {
                    return Err(request_error(
                        ErrorCode::BadRequest,
                        "the document does not match extensions.persistedQuery.sha256Hash",
                    ));
                }
                match self.documents.get(&hash) {
                    Some(document) => request.query = document.to_string(),
                    None if sent_document && !self.required => {}
                    None => {
                        return Err(request_error(
                            ErrorCode::PersistedQueryNotFound,
                            NOT_FOUND_MESSAGE,
                        ));
                    }
                }
            }
            None if self.required && !self.documents.contains_key(&hash_of(&request.query)) => {
                return Err(request_error(
                    ErrorCode::PersistedQueryRequired,
                    "this service runs only persisted operations: send extensions.persistedQuery.sha256Hash",
                ));
            }
            None => {}
        }
        Ok(request)
    }
}

/// The extension that resolves persisted documents before anything else looks at the request.
#[derive(Debug, Clone)]
pub struct PersistedDocumentsExtension(pub Arc<PersistedDocuments>);

impl ExtensionFactory for PersistedDocumentsExtension {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(self.clone())
    }
}

#[async_trait::async_trait]
impl Extension for PersistedDocumentsExtension {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let request = self.0.resolve(request)?;
        next.run(ctx, request).await
    }
}

/// The lowercase hex SHA-256 of a document, as manifests key it.
pub fn hash_of(document: &str) -> String {
    format!("{:x}", Sha256::digest(document.as_bytes()))
}

fn read_manifest(path: &Path) -> Result<HashMap<String, Arc<str>>, ManifestError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ManifestError::Read {
        path: shown.clone(),
        source,
    })?;
    let invalid = |reason: String| ManifestError::Invalid {
        path: shown.clone(),
        reason,
    };
    let entries: HashMap<String, String> = serde_json::from_str(&text).map_err(|error| {
        invalid(format!(
            "expected a JSON object of hash to document: {error}"
        ))
    })?;
    entries
        .into_iter()
        .map(|(key, document)| {
            let hash = normalise_hash(&key)
                .ok_or_else(|| invalid(format!("{key:?} is not a SHA-256 hash")))?;
            if hash_of(&document) != hash {
                return Err(invalid(format!("{key} is not the hash of its document")));
            }
            Ok((hash, Arc::from(document)))
        })
        .collect()
}

fn requested_hash(request: &Request) -> ServerResult<Option<String>> {
    let Some(persisted) = request.extensions.get("persistedQuery") else {
        return Ok(None);
    };
    let hash = serde_json::to_value(persisted)
        .ok()
        .and_then(|value| value.get("sha256Hash")?.as_str().and_then(normalise_hash));
    match hash {
        Some(hash) => Ok(Some(hash)),
        None => Err(request_error(
            ErrorCode::BadRequest,
            "extensions.persistedQuery.sha256Hash must be a SHA-256 hash in hex",
        )),
    }
}

fn normalise_hash(text: &str) -> Option<String> {
    let hex = text.strip_prefix("sha256:").unwrap_or(text);
    (hex.len() == 64 && hex.bytes().all(|byte| byte.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: &str = "query Me { me { id } }";

    fn documents(required: bool) -> PersistedDocuments {
        PersistedDocuments {
            documents: HashMap::from([(hash_of(ME), Arc::from(ME))]),
            required,
        }
    }

    fn by_hash(hash: &str, query: &str) -> Request {
        let mut request = Request::new(query);
        request.extensions.insert(
            "persistedQuery".into(),
            async_graphql::Value::from_json(serde_json::json!({"version": 1, "sha256Hash": hash}))
                .unwrap(),
        );
        request
    }

    fn code(result: ServerResult<Request>) -> String {
        let error = result.expect_err("refused");
        let extensions = serde_json::to_value(error.extensions.unwrap()).unwrap();
        extensions["code"].as_str().unwrap().to_owned()
    }

    #[test]
    fn a_known_hash_brings_its_document_with_or_without_the_prefix() {
        for hash in [
            hash_of(ME),
            format!("sha256:{}", hash_of(ME).to_uppercase()),
        ] {
            let resolved = documents(true).resolve(by_hash(&hash, "")).unwrap();
            assert_eq!(resolved.query, ME);
        }
    }

    #[test]
    fn an_unknown_hash_is_not_found_with_the_message_clients_match() {
        let error = documents(false)
            .resolve(by_hash(&hash_of("{ me { id } }"), ""))
            .unwrap_err();
        assert_eq!(error.message, NOT_FOUND_MESSAGE);
    }

    #[test]
    fn optional_mode_runs_any_document_and_required_mode_only_listed_ones() {
        let other = "{ roles { name } }";
        assert!(documents(false).resolve(Request::new(other)).is_ok());
        assert!(
            documents(false)
                .resolve(by_hash(&hash_of(other), other))
                .is_ok()
        );
        assert_eq!(
            code(documents(true).resolve(Request::new(other))),
            "PERSISTED_QUERY_REQUIRED"
        );
        assert_eq!(
            code(documents(true).resolve(by_hash(&hash_of(other), other))),
            "PERSISTED_QUERY_NOT_FOUND"
        );
        assert!(documents(true).resolve(Request::new(ME)).is_ok());
    }

    #[test]
    fn a_document_that_does_not_match_its_hash_or_a_malformed_hash_is_refused() {
        assert_eq!(
            code(documents(false).resolve(by_hash(&hash_of(ME), "{ roles { name } }"))),
            "BAD_REQUEST"
        );
        assert_eq!(
            code(documents(false).resolve(by_hash("md5:abc", ""))),
            "BAD_REQUEST"
        );
    }

    #[test]
    fn manifests_are_checked_hash_by_hash() {
        let directory =
            std::env::temp_dir().join(format!("klang-manifest-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&directory).unwrap();
        let good = directory.join("good.json");
        std::fs::write(
            &good,
            serde_json::json!({format!("sha256:{}", hash_of(ME)): ME}).to_string(),
        )
        .unwrap();
        let bad = directory.join("bad.json");
        std::fs::write(&bad, serde_json::json!({hash_of("{ x }"): ME}).to_string()).unwrap();
        let config = |paths: Vec<std::path::PathBuf>, explicit| TrustedDocuments {
            required: true,
            manifests: paths,
            manifests_explicit: explicit,
        };
        assert_eq!(
            PersistedDocuments::load(&config(vec![good.clone()], true))
                .unwrap()
                .len(),
            1
        );
        assert!(matches!(
            PersistedDocuments::load(&config(vec![bad], true)),
            Err(ManifestError::Invalid { .. })
        ));
        let missing = directory.join("missing.json");
        assert!(matches!(
            PersistedDocuments::load(&config(vec![missing.clone()], true)),
            Err(ManifestError::Read { .. })
        ));
        assert!(matches!(
            PersistedDocuments::load(&config(vec![missing], false)),
            Err(ManifestError::NoneWhileRequired)
        ));
        std::fs::remove_dir_all(directory).unwrap();
    }
}
