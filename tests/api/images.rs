//! Product images: presigned upload to the real S3 server (moto) or the media folder, attach by key after the
//! service checked the bytes, remove; hostile uploads are refused and deleted.

use klang::platform::auth::Role;
use serde_json::{Value, json};

use crate::{
    helpers::{TestApp, TestConfig, error_code, error_paths, spawn_app_with},
    inventory::stock,
};

/// The first bytes of a PNG, padded: the service sniffs the beginning of the file.
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const REQUEST: &str =
    "mutation($input: RequestProductImageUploadInput!) { requestProductImageUpload(input: $input) {
    key uploadUrl method headers { name value } expiresAt maxBytes } }";
const ATTACH: &str =
    "mutation($input: AttachProductImageInput!) { attachProductImage(input: $input) {
    version images { id key url contentType byteSize altText position } } }";

async fn request_upload(
    app: &TestApp,
    token: &str,
    product: &str,
    content_type: &str,
    size: usize,
) -> Value {
    app.gql(
        Some(token),
        REQUEST,
        json!({"input": {"productId": product, "contentType": content_type, "byteSize": size}}),
    )
    .await
}

/// Uploads `bytes` as the ticket says; returns the HTTP status.
async fn put(app: &TestApp, ticket: &Value, content_type: &str, bytes: &[u8]) -> u16 {
    let url = absolute(app, ticket["uploadUrl"].as_str().unwrap());
    app.client
        .put(url)
        .header("content-type", content_type)
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Media-folder URLs are relative to the API's origin; S3 URLs are absolute.
fn absolute(app: &TestApp, url: &str) -> String {
    if url.starts_with('/') {
        format!("{}{url}", app.address)
    } else {
        url.to_owned()
    }
}

async fn attach(app: &TestApp, token: &str, product: &str, key: &str) -> Value {
    app.gql(
        Some(token),
        ATTACH,
        json!({"input": {"productId": product, "key": key, "altText": "ถุงข้าว ด้านหน้า"}}),
    )
    .await
}

async fn upload_and_attach_round_trip(app: &TestApp, token: &str, product: &str) {
    let granted = request_upload(app, token, product, "image/png", PNG.len()).await;
    let ticket = &granted["data"]["requestProductImageUpload"];
    assert_eq!(ticket["method"], "PUT", "{granted}");
    assert_eq!(
        ticket["headers"],
        json!([{"name": "Content-Type", "value": "image/png"}])
    );
    let key = ticket["key"].as_str().unwrap();
    assert!(key.starts_with(&format!("products/{product}/")), "{key}");
    assert_eq!(put(app, ticket, "image/png", PNG).await / 100, 2);

    let attached = attach(app, token, product, key).await;
    let images = &attached["data"]["attachProductImage"]["images"];
    assert_eq!(images.as_array().map(Vec::len), Some(1), "{attached}");
    assert_eq!(
        (
            &images[0]["key"],
            &images[0]["contentType"],
            &images[0]["byteSize"],
            &images[0]["position"]
        ),
        (
            &json!(key),
            &json!("image/png"),
            &json!(PNG.len()),
            &json!(0)
        )
    );
    let served = app
        .client
        .get(absolute(app, images[0]["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status().as_u16(), 200);
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG);

    let again = attach(app, token, product, key).await;
    assert_eq!(
        error_code(&again).as_deref(),
        Some("BAD_USER_INPUT"),
        "{again}"
    );

    let image_id = images[0]["id"].as_str().unwrap();
    let removed = app
        .gql(
            Some(token),
            "mutation($input: RemoveProductImageInput!) { removeProductImage(input: $input) { images { id } } }",
            json!({"input": {"productId": product, "imageId": image_id}}),
        )
        .await;
    assert_eq!(
        removed["data"]["removeProductImage"]["images"],
        json!([]),
        "{removed}"
    );
    let gone = app
        .client
        .get(absolute(app, images[0]["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        gone.status().as_u16(),
        404,
        "the file is deleted with the image"
    );
}

#[tokio::test]
async fn an_image_goes_to_s3_through_a_presigned_url_and_is_attached_by_key() {
    let s = stock().await;
    upload_and_attach_round_trip(&s.app, &s.manager, &s.product).await;
    let mut db = s.app.db().await;
    let recorded: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE '%Image%' ORDER BY occurred_at",
    )
    .bind(&s.product)
    .fetch_all(&mut db)
    .await
    .unwrap();
    assert_eq!(
        recorded,
        [
            "requestProductImageUpload",
            "attachProductImage",
            "removeProductImage"
        ]
    );
}

#[tokio::test]
async fn the_media_folder_stands_in_for_s3_with_signed_urls() {
    let media = std::env::temp_dir().join(format!("klang-media-{}", uuid::Uuid::now_v7()));
    let app = spawn_app_with(
        TestConfig::default()
            .without("S3_ENDPOINT")
            .with("MEDIA_DIR", media.display()),
    )
    .await;
    let token = app
        .sign_in(&app.create_user(Role::Manager).await, "Test-password-2026")
        .await
        .access_token;
    let product = app
        .gql(
            Some(&token),
            "mutation { createProduct(input: {sku: \"IMG-1\", nameTh: \"สินค้ามีรูป\", unit: \"ชิ้น\", price: \"10\"}) { id } }",
            json!({}),
        )
        .await["data"]["createProduct"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    upload_and_attach_round_trip(&app, &token, &product).await;

    let granted = request_upload(&app, &token, &product, "image/png", PNG.len()).await;
    let ticket = &granted["data"]["requestProductImageUpload"];
    assert_eq!(
        put(&app, ticket, "text/html", PNG).await,
        403,
        "the content type is signed"
    );
    let mut tampered = ticket.clone();
    tampered["uploadUrl"] = json!(
        ticket["uploadUrl"]
            .as_str()
            .unwrap()
            .replace("signature=", "signature=00")
    );
    assert_eq!(put(&app, &tampered, "image/png", PNG).await, 403);
    let traversal = app
        .client
        .get(format!("{}/media/..%2F..%2Fetc%2Fpasswd", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(traversal.status().as_u16(), 404);
    std::fs::remove_dir_all(media).ok();
}

#[tokio::test]
async fn a_file_that_is_not_the_declared_image_is_refused_and_deleted() {
    let s = stock().await;
    let granted = request_upload(&s.app, &s.manager, &s.product, "image/png", 64).await;
    let ticket = &granted["data"]["requestProductImageUpload"];
    let html = b"<html><script>alert(document.cookie)</script></html>";
    assert_eq!(put(&s.app, ticket, "image/png", html).await / 100, 2);
    let key = ticket["key"].as_str().unwrap();
    let refused = attach(&s.app, &s.manager, &s.product, key).await;
    assert_eq!(
        error_code(&refused).as_deref(),
        Some("BAD_USER_INPUT"),
        "{refused}"
    );
    assert_eq!(error_paths(&refused), ["input.key"]);
    let retry = attach(&s.app, &s.manager, &s.product, key).await;
    assert!(
        retry["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nothing was uploaded"),
        "the refused file was deleted: {retry}"
    );
}

#[tokio::test]
async fn bad_requests_for_images_get_typed_errors() {
    let s = stock().await;
    let svg = request_upload(&s.app, &s.manager, &s.product, "image/svg+xml", 100).await;
    assert_eq!(error_paths(&svg), ["input.contentType"], "{svg}");
    let huge = request_upload(
        &s.app,
        &s.manager,
        &s.product,
        "image/jpeg",
        50 * 1024 * 1024,
    )
    .await;
    assert_eq!(error_paths(&huge), ["input.byteSize"], "{huge}");
    let unknown = request_upload(
        &s.app,
        &s.manager,
        &uuid::Uuid::now_v7().to_string(),
        "image/png",
        10,
    )
    .await;
    assert_eq!(
        error_code(&unknown).as_deref(),
        Some("NOT_FOUND"),
        "{unknown}"
    );
    let foreign_key = format!(
        "products/{}/{}.png",
        uuid::Uuid::now_v7(),
        uuid::Uuid::now_v7()
    );
    let foreign = attach(&s.app, &s.manager, &s.product, &foreign_key).await;
    assert_eq!(error_paths(&foreign), ["input.key"], "{foreign}");
    let never_uploaded = format!("products/{}/{}.png", s.product, uuid::Uuid::now_v7());
    let missing = attach(&s.app, &s.manager, &s.product, &never_uploaded).await;
    assert_eq!(error_paths(&missing), ["input.key"], "{missing}");

    let viewer = s
        .app
        .sign_in(&s.app.create_user(Role::Viewer).await, "Test-password-2026")
        .await
        .access_token;
    let denied = request_upload(&s.app, &viewer, &s.product, "image/png", 10).await;
    assert_eq!(
        error_code(&denied).as_deref(),
        Some("FORBIDDEN"),
        "{denied}"
    );
}
