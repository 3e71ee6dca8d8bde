//! `PUT`/`GET /media/{key}`: the media folder, when no S3 is configured. Uploads need the signed URL from
//! `requestProductImageUpload` (key, content type and expiry are signed); downloads are served with headers that
//! keep a browser from treating a file as anything but an image. With S3 configured both answer 404.

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::HttpState;
use crate::products::images::ImageFormat;

/// The signature part of an upload URL.
#[derive(Debug, Deserialize)]
pub struct UploadSignature {
    expires: i64,
    signature: String,
}

/// `PUT /media/{key}`: stores an upload whose URL signature holds.
pub async fn upload(
    State(http): State<HttpState>,
    Path(key): Path<String>,
    Query(signed): Query<UploadSignature>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let storage = http.app.product_images.storage();
    if !storage.serves_media() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if !storage.verify_upload(&key, content_type, signed.expires, &signed.signature) {
        return (
            StatusCode::FORBIDDEN,
            "the upload URL is invalid or expired, or the Content-Type differs from the one requested",
        )
            .into_response();
    }
    match storage.write(&key, &body).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => {
            tracing::error!(%error, "media upload not stored");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /media/{key}`: serves a stored image.
pub async fn download(State(http): State<HttpState>, Path(key): Path<String>) -> Response {
    let storage = http.app.product_images.storage();
    if !storage.serves_media() {
        return StatusCode::NOT_FOUND.into_response();
    }
    match storage.read(&key).await {
        Ok(Some(bytes)) => {
            let content_type = ImageFormat::ALL
                .into_iter()
                .find(|format| format.matches(&bytes))
                .map_or("application/octet-stream", ImageFormat::content_type);
            let headers = [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("default-src 'none'; sandbox"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, max-age=3600"),
                ),
            ];
            (headers, bytes).into_response()
        }
        Ok(None) | Err(crate::platform::storage::StorageError::InvalidKey) => {
            StatusCode::NOT_FOUND.into_response()
        }
        Err(error) => {
            tracing::error!(%error, "media file not read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
