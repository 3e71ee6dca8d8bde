//! Object storage for uploaded files: an S3-compatible bucket, or a local folder when no S3 is configured.
//!
//! Clients never send file bytes through GraphQL. They ask for an [`UploadTicket`] (a presigned `PUT` URL that
//! is only valid for one key, one content type and a few minutes), upload straight to the store, then name the
//! key in a mutation; the service looks at what arrived ([`ObjectStorage::head`]) before it accepts it.
//! Without S3 the service itself plays the store: `PUT`/`GET /media/{key}` with an HMAC-signed URL, given
//! relative to the API's origin (the web app forwards `/media` like `/graphql`).

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use reqwest::{StatusCode, header};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use sha2::Sha256;

use crate::config::StorageConfig;

/// How many leading bytes [`ObjectStorage::head`] reads, enough to recognise a file format.
pub const SNIFF_BYTES: usize = 16;
/// How long a download URL handed to a client stays valid.
const DOWNLOAD_TTL: Duration = Duration::from_secs(3600);

/// A failure of the store itself (not of the client's input).
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The S3 endpoint is not a usable URL.
    #[error("S3 endpoint: {0}")]
    Endpoint(String),
    /// The store answered with an unexpected status.
    #[error("object store answered {0}")]
    Status(StatusCode),
    /// The store could not be reached.
    #[error("object store unreachable: {0}")]
    Http(#[from] reqwest::Error),
    /// The local folder could not be read or written.
    #[error("media folder: {0}")]
    Io(#[from] std::io::Error),
    /// The key is not one this store accepts (only `[A-Za-z0-9._-]` segments, no `..`).
    #[error("invalid object key")]
    InvalidKey,
}

/// Where and how to upload one object.
#[derive(Debug, Clone)]
pub struct UploadTicket {
    /// The URL to `PUT` the bytes to.
    pub url: String,
    /// Headers the `PUT` must carry exactly (they are part of the signature).
    pub headers: Vec<(String, String)>,
    /// When the URL stops working.
    pub expires_at: DateTime<Utc>,
}

/// What the store holds under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectHead {
    /// Size in bytes.
    pub byte_size: u64,
    /// The first [`SNIFF_BYTES`] bytes (fewer for a smaller object).
    pub first_bytes: Vec<u8>,
}

/// An S3 bucket and the keys to sign for it.
#[derive(Debug, Clone)]
struct S3Store {
    /// The bucket as the service reaches it.
    bucket: Bucket,
    /// The bucket as browsers reach it (signatures cover the host).
    public_bucket: Bucket,
    credentials: Credentials,
}

/// The configured store.
#[derive(Debug, Clone)]
pub struct ObjectStorage {
    backend: Backend,
    http: reqwest::Client,
}

#[derive(Debug, Clone)]
enum Backend {
    S3(Box<S3Store>),
    Folder { root: PathBuf, signing_key: Vec<u8> },
}

impl ObjectStorage {
    /// Opens the store; an S3 bucket that does not exist yet is created.
    pub async fn connect(
        config: &StorageConfig,
        signing_secret: &str,
    ) -> Result<Self, StorageError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()?;
        let backend = match config {
            StorageConfig::S3(s3) => {
                let bucket_at = |endpoint: &str| {
                    let url = endpoint
                        .parse()
                        .map_err(|error| StorageError::Endpoint(format!("{endpoint}: {error}")))?;
                    Bucket::new(url, UrlStyle::Path, s3.bucket.clone(), s3.region.clone())
                        .map_err(|error| StorageError::Endpoint(error.to_string()))
                };
                let store = S3Store {
                    bucket: bucket_at(&s3.endpoint)?,
                    public_bucket: bucket_at(&s3.public_endpoint)?,
                    credentials: Credentials::new(&s3.access_key_id, &s3.secret_access_key),
                };
                ensure_bucket(&http, &store).await?;
                Backend::S3(Box::new(store))
            }
            StorageConfig::Folder { root } => {
                tokio::fs::create_dir_all(root).await?;
                Backend::Folder {
                    root: root.clone(),
                    signing_key: format!("klang-media:{signing_secret}").into_bytes(),
                }
            }
        };
        Ok(Self { backend, http })
    }

    /// Whether the service itself serves `/media` (no S3 configured).
    pub fn serves_media(&self) -> bool {
        matches!(self.backend, Backend::Folder { .. })
    }

    /// A presigned `PUT` for `key`, valid for `ttl`, that only accepts `content_type`.
    pub fn upload_ticket(&self, key: &str, content_type: &str, ttl: Duration) -> UploadTicket {
        let expires_at = Utc::now() + ttl;
        let url = match &self.backend {
            Backend::S3(s3) => {
                let mut action = s3.public_bucket.put_object(Some(&s3.credentials), key);
                action.headers_mut().insert("content-type", content_type);
                action.sign(ttl).to_string()
            }
            Backend::Folder { signing_key, .. } => {
                let expires = expires_at.timestamp();
                let signature = sign(signing_key, key, content_type, expires);
                format!("/media/{key}?expires={expires}&signature={signature}")
            }
        };
        UploadTicket {
            url,
            headers: vec![("Content-Type".into(), content_type.into())],
            expires_at,
        }
    }

    /// A URL a client can download `key` from for the next hour.
    pub fn download_url(&self, key: &str) -> String {
        match &self.backend {
            Backend::S3(s3) => s3
                .public_bucket
                .get_object(Some(&s3.credentials), key)
                .sign(DOWNLOAD_TTL)
                .to_string(),
            Backend::Folder { .. } => format!("/media/{key}"),
        }
    }

    /// The size and first bytes of `key`, or `None` when nothing is stored there.
    pub async fn head(&self, key: &str) -> Result<Option<ObjectHead>, StorageError> {
        match &self.backend {
            Backend::S3(s3) => {
                let url = s3
                    .bucket
                    .get_object(Some(&s3.credentials), key)
                    .sign(DOWNLOAD_TTL);
                let response = self
                    .http
                    .get(url)
                    .header(header::RANGE, format!("bytes=0-{}", SNIFF_BYTES - 1))
                    .send()
                    .await?;
                match response.status() {
                    StatusCode::NOT_FOUND => Ok(None),
                    StatusCode::RANGE_NOT_SATISFIABLE => Ok(Some(ObjectHead {
                        byte_size: 0,
                        first_bytes: Vec::new(),
                    })),
                    StatusCode::OK | StatusCode::PARTIAL_CONTENT => {
                        let total = total_size(response.headers());
                        let body = response.bytes().await?;
                        Ok(Some(ObjectHead {
                            byte_size: total.unwrap_or(body.len() as u64),
                            first_bytes: body.iter().copied().take(SNIFF_BYTES).collect(),
                        }))
                    }
                    other => Err(StorageError::Status(other)),
                }
            }
            Backend::Folder { root, .. } => {
                let bytes = match tokio::fs::read(folder_path(root, key)?).await {
                    Ok(bytes) => bytes,
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(error) => return Err(error.into()),
                };
                Ok(Some(ObjectHead {
                    byte_size: bytes.len() as u64,
                    first_bytes: bytes.into_iter().take(SNIFF_BYTES).collect(),
                }))
            }
        }
    }

    /// Deletes `key` (nothing happens when it is already gone).
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match &self.backend {
            Backend::S3(s3) => {
                let url = s3
                    .bucket
                    .delete_object(Some(&s3.credentials), key)
                    .sign(DOWNLOAD_TTL);
                let response = self.http.delete(url).send().await?;
                if response.status().is_success() || response.status() == StatusCode::NOT_FOUND {
                    Ok(())
                } else {
                    Err(StorageError::Status(response.status()))
                }
            }
            Backend::Folder { root, .. } => {
                match tokio::fs::remove_file(folder_path(root, key)?).await {
                    Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error.into()),
                    _ => Ok(()),
                }
            }
        }
    }

    /// Folder store: whether an upload URL's signature and expiry hold for this key and content type.
    pub fn verify_upload(
        &self,
        key: &str,
        content_type: &str,
        expires: i64,
        signature: &str,
    ) -> bool {
        let Backend::Folder { signing_key, .. } = &self.backend else {
            return false;
        };
        if expires < Utc::now().timestamp() {
            return false;
        }
        let Ok(expected) = hex::decode(signature) else {
            return false;
        };
        upload_mac(signing_key, key, content_type, expires)
            .verify_slice(&expected)
            .is_ok()
    }

    /// Folder store: writes `bytes` under `key` (atomically: a reader never sees half a file).
    pub async fn write(&self, key: &str, bytes: &[u8]) -> Result<(), StorageError> {
        let Backend::Folder { root, .. } = &self.backend else {
            return Err(StorageError::InvalidKey);
        };
        let path = folder_path(root, key)?;
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        let partial = path.with_extension(format!("partial-{}", uuid::Uuid::new_v4().simple()));
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(())
    }

    /// Folder store: the bytes under `key`, or `None`.
    pub async fn read(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let Backend::Folder { root, .. } = &self.backend else {
            return Ok(None);
        };
        match tokio::fs::read(folder_path(root, key)?).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error.into()),
        }
    }
}

async fn ensure_bucket(http: &reqwest::Client, s3: &S3Store) -> Result<(), StorageError> {
    let (bucket, credentials) = (&s3.bucket, &s3.credentials);
    let exists = http
        .head(bucket.head_bucket(Some(credentials)).sign(DOWNLOAD_TTL))
        .send()
        .await?;
    if exists.status().is_success() {
        return Ok(());
    }
    // Outside us-east-1, S3 wants the region named in the body as well.
    let body = if bucket.region() == "us-east-1" {
        String::new()
    } else {
        format!(
            "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
             <LocationConstraint>{}</LocationConstraint></CreateBucketConfiguration>",
            bucket.region()
        )
    };
    let created = http
        .put(bucket.create_bucket(credentials).sign(DOWNLOAD_TTL))
        .body(body)
        .send()
        .await?;
    // Another instance may have created it a moment ago.
    match created.status() {
        status if status.is_success() || status == StatusCode::CONFLICT => Ok(()),
        status => Err(StorageError::Status(status)),
    }
}

/// The total size from `Content-Range: bytes 0-15/12345`.
fn total_size(headers: &header::HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_RANGE)?
        .to_str()
        .ok()?
        .rsplit('/')
        .next()?
        .parse()
        .ok()
}

/// The file of `key` inside `root`; keys with anything but plain segments never reach the file system.
fn folder_path(root: &Path, key: &str) -> Result<PathBuf, StorageError> {
    let plain_segment = |segment: &str| {
        !segment.is_empty()
            && !segment.starts_with('.')
            && segment
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_'))
    };
    if key.len() > 300 || !key.split('/').all(plain_segment) {
        return Err(StorageError::InvalidKey);
    }
    Ok(root.join(key))
}

fn upload_mac(signing_key: &[u8], key: &str, content_type: &str, expires: i64) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(signing_key).expect("HMAC takes any key length");
    mac.update(format!("PUT\n{key}\n{content_type}\n{expires}").as_bytes());
    mac
}

fn sign(signing_key: &[u8], key: &str, content_type: &str, expires: i64) -> String {
    hex::encode(
        upload_mac(signing_key, key, content_type, expires)
            .finalize()
            .into_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_keys_are_plain_segments_only() {
        let root = Path::new("/srv/media");
        assert!(folder_path(root, "products/abc/def.png").is_ok());
        for hostile in [
            "../etc/passwd",
            "products/../../x",
            "/abs",
            "a//b",
            "a/.hidden",
            "a/b c",
        ] {
            assert!(folder_path(root, hostile).is_err(), "{hostile}");
        }
    }

    #[tokio::test]
    async fn folder_upload_signatures_bind_key_type_and_expiry() {
        let root = std::env::temp_dir().join(format!("klang-media-{}", uuid::Uuid::new_v4()));
        let storage =
            ObjectStorage::connect(&StorageConfig::Folder { root: root.clone() }, "secret")
                .await
                .unwrap();
        let ticket =
            storage.upload_ticket("products/p/i.png", "image/png", Duration::from_secs(60));
        let query: std::collections::HashMap<String, String> =
            url::Url::parse(&format!("http://localhost{}", ticket.url))
                .unwrap()
                .query_pairs()
                .into_owned()
                .collect();
        let expires: i64 = query["expires"].parse().unwrap();
        let signature = &query["signature"];
        assert!(storage.verify_upload("products/p/i.png", "image/png", expires, signature));
        assert!(!storage.verify_upload("products/p/j.png", "image/png", expires, signature));
        assert!(!storage.verify_upload("products/p/i.png", "image/jpeg", expires, signature));
        assert!(!storage.verify_upload("products/p/i.png", "image/png", expires + 1, signature));
        assert!(!storage.verify_upload("products/p/i.png", "image/png", expires, "zz"));
        let expired = sign(b"klang-media:secret", "k", "image/png", 1);
        assert!(!storage.verify_upload("k", "image/png", 1, &expired));
        std::fs::remove_dir_all(root).unwrap();
    }
}
