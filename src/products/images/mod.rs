//! Product images: which files are accepted, how their keys look, and what the service keeps of them.
//!
//! A file is accepted only when its first bytes say it is the image format the client declared (JPEG, PNG or
//! WebP), whatever name or content type came with it, and when it is at most [`MAX_IMAGE_BYTES`] long.

pub mod repo;
pub mod service;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use service::ProductImagesService;

/// The largest image accepted (5 MiB).
pub const MAX_IMAGE_BYTES: i64 = 5 * 1024 * 1024;
/// The most images one product may have.
pub const MAX_IMAGES_PER_PRODUCT: i64 = 10;

/// An image format the catalog accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// `image/jpeg`
    Jpeg,
    /// `image/png`
    Png,
    /// `image/webp`
    Webp,
}

impl ImageFormat {
    /// Every accepted format.
    pub const ALL: [Self; 3] = [Self::Jpeg, Self::Png, Self::Webp];

    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
        }
    }

    /// The file extension used in keys.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
        }
    }

    /// The format of a media type, if accepted.
    pub fn from_content_type(content_type: &str) -> Option<Self> {
        let essence = content_type.split(';').next()?.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|format| format.content_type() == essence)
    }

    /// Whether `bytes` (a file's beginning) are of this format.
    pub fn matches(self, bytes: &[u8]) -> bool {
        match self {
            Self::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            Self::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Self::Webp => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        }
    }
}

/// The object key of a new image of `product_id`: `products/<product>/<image>.<ext>`.
pub fn new_key(product_id: Uuid, format: ImageFormat) -> String {
    format!(
        "products/{product_id}/{}.{}",
        Uuid::now_v7(),
        format.extension()
    )
}

/// The format of `key` when it is an image key of `product_id`; anything else is not ours to attach.
pub fn parse_key(key: &str, product_id: Uuid) -> Option<ImageFormat> {
    let rest = key.strip_prefix(&format!("products/{product_id}/"))?;
    let (image_id, extension) = rest.split_once('.')?;
    Uuid::parse_str(image_id).ok()?;
    ImageFormat::ALL
        .into_iter()
        .find(|format| format.extension() == extension)
}

/// An image attached to a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, async_graphql::SimpleObject)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct ProductImage {
    /// Id.
    pub id: Uuid,
    /// The product.
    pub product_id: Uuid,
    /// Key in the object store.
    #[graphql(name = "key")]
    pub object_key: String,
    /// Media type, verified from the file's bytes.
    pub content_type: String,
    /// Size in bytes.
    pub byte_size: i64,
    /// Text for screen readers.
    pub alt_text: Option<String>,
    /// Order among the product's images (0 first).
    pub position: i32,
    /// Who attached it.
    #[graphql(skip)]
    pub created_by: Option<Uuid>,
    /// When it was attached.
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_by_their_bytes_not_their_names() {
        assert!(ImageFormat::Png.matches(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(ImageFormat::Jpeg.matches(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        assert!(ImageFormat::Webp.matches(b"RIFF\x24\0\0\0WEBPVP8 "));
        assert!(!ImageFormat::Png.matches(b"<svg xmlns=\"http://www.w3.org/2000/svg\">"));
        assert!(!ImageFormat::Jpeg.matches(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(
            ImageFormat::from_content_type("Image/PNG; charset=binary"),
            Some(ImageFormat::Png)
        );
        assert_eq!(ImageFormat::from_content_type("image/svg+xml"), None);
    }

    #[test]
    fn keys_belong_to_one_product() {
        let product = Uuid::now_v7();
        let key = new_key(product, ImageFormat::Webp);
        assert_eq!(parse_key(&key, product), Some(ImageFormat::Webp));
        assert_eq!(parse_key(&key, Uuid::now_v7()), None);
        assert_eq!(
            parse_key(&format!("products/{product}/../x.png"), product),
            None
        );
        assert_eq!(
            parse_key(
                &format!("products/{product}/{}.gif", Uuid::now_v7()),
                product
            ),
            None
        );
    }
}
