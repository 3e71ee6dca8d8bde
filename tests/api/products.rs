//! Products and categories: validation, Thai search, sorting with cursors, versions, the tree, the cache.

use std::time::Duration;

use klang::platform::auth::Role;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestConfig, error_code, error_paths, spawn_app, spawn_app_with};

const PASSWORD: &str = "Test-password-2026";
const CREATE: &str = "mutation($input: CreateProductInput!) { createProduct(input: $input) {
    id sku nameTh price version category { nameTh } } }";
const UPDATE: &str = "mutation($input: UpdateProductInput!) { updateProduct(input: $input) {
    id nameTh nameEn price version } }";

async fn manager(app: &TestApp) -> String {
    app.sign_in(&app.create_user(Role::Manager).await, PASSWORD)
        .await
        .access_token
}

async fn create(app: &TestApp, token: &str, input: Value) -> Value {
    app.gql(Some(token), CREATE, json!({ "input": input }))
        .await
}

async fn create_ok(app: &TestApp, token: &str, sku: &str, name_th: &str, price: &str) -> Value {
    let response = create(
        app,
        token,
        json!({"sku": sku, "nameTh": name_th, "unit": "ชิ้น", "price": price}),
    )
    .await;
    let product = response["data"]["createProduct"].clone();
    assert!(product.is_object(), "{response}");
    product
}

#[tokio::test]
async fn a_product_is_created_read_by_id_and_by_sku_in_any_case() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    let product = create_ok(
        &app,
        &token,
        "FS-Sauce-700",
        "น้ำปลาแท้ ตราปลาหมึก 700 มล.",
        "45.50",
    )
    .await;
    assert_eq!(product["price"], "45.50");
    assert_eq!(product["version"], 1);
    let by_id = app
        .gql(
            Some(&token),
            "query($id: UUID!) { product(id: $id) { sku nameTh } }",
            json!({"id": product["id"]}),
        )
        .await;
    assert_eq!(by_id["data"]["product"]["sku"], "FS-Sauce-700");
    let by_sku = app
        .gql(
            Some(&token),
            "{ productBySku(sku: \"fs-sauce-700\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(by_sku["data"]["productBySku"]["id"], product["id"]);
}

#[tokio::test]
async fn bad_product_input_is_refused_field_by_field() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    create_ok(&app, &token, "DUP-1", "ของซ้ำ", "1").await;
    let duplicate = create(
        &app,
        &token,
        json!({"sku": "dup-1", "nameTh": "อีกชิ้น", "unit": "ชิ้น", "price": "1"}),
    )
    .await;
    assert_eq!(
        error_code(&duplicate).as_deref(),
        Some("CONFLICT"),
        "{duplicate}"
    );
    assert_eq!(error_paths(&duplicate), ["input.sku"]);

    let invalid = create(
        &app,
        &token,
        json!({"sku": "OK-1", "nameTh": "", "unit": "ชิ้น", "price": "-5", "cost": "1.234", "weightGrams": 0}),
    )
    .await;
    assert_eq!(error_code(&invalid).as_deref(), Some("BAD_USER_INPUT"));
    assert_eq!(
        error_paths(&invalid),
        [
            "input.cost",
            "input.nameTh",
            "input.price",
            "input.weightGrams"
        ]
    );

    let bad_sku = create(
        &app,
        &token,
        json!({"sku": "no spaces", "nameTh": "x", "unit": "ชิ้น", "price": "1"}),
    )
    .await;
    assert_eq!(error_paths(&bad_sku), ["input.sku"]);
    let bad_barcode = create(
        &app,
        &token,
        json!({"sku": "EAN-1", "barcode": "8850999320015", "nameTh": "x", "unit": "ชิ้น", "price": "1"}),
    )
    .await;
    assert_eq!(error_paths(&bad_barcode), ["input.barcode"]);
    assert!(
        bad_barcode["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("check digit")
    );
    let bad_filter = app
        .gql(
            Some(&token),
            "{ products(filter: {minPrice: \"-1\", search: \"\"}) { edges { cursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        error_paths(&bad_filter),
        ["filter.minPrice", "filter.search"]
    );
    let free = create(
        &app,
        &token,
        json!({"sku": "FREE-1", "nameTh": "แถม", "unit": "ชิ้น", "price": "0"}),
    )
    .await;
    assert_eq!(free["data"]["createProduct"]["price"], "0.00", "{free}");
    let unknown_category = create(
        &app,
        &token,
        json!({"sku": "CAT-1", "nameTh": "x", "unit": "ชิ้น", "price": "1", "categoryId": uuid::Uuid::now_v7()}),
    )
    .await;
    assert_eq!(error_code(&unknown_category).as_deref(), Some("NOT_FOUND"));
}

#[tokio::test]
async fn only_product_writers_change_the_catalog_but_everyone_signed_in_reads_it() {
    let app = spawn_app().await;
    let writer = manager(&app).await;
    create_ok(&app, &writer, "READ-1", "อ่านได้", "10").await;
    for role in [Role::WarehouseStaff, Role::Dispatcher, Role::Viewer] {
        let token = app
            .sign_in(&app.create_user(role).await, PASSWORD)
            .await
            .access_token;
        let refused = create(
            &app,
            &token,
            json!({"sku": "X-1", "nameTh": "x", "unit": "ชิ้น", "price": "1"}),
        )
        .await;
        assert_eq!(
            error_code(&refused).as_deref(),
            Some("FORBIDDEN"),
            "{role:?}"
        );
        let read = app
            .gql(
                Some(&token),
                "{ products { edges { node { sku } } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            read["data"]["products"]["edges"][0]["node"]["sku"], "READ-1",
            "{role:?}"
        );
    }
    let anonymous = app
        .gql(None, "{ products { edges { cursor } } }", json!({}))
        .await;
    assert_eq!(error_code(&anonymous).as_deref(), Some("UNAUTHENTICATED"));
}

#[tokio::test]
async fn search_finds_thai_words_inside_unspaced_text_and_partial_skus() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    create_ok(
        &app,
        &token,
        "RICE-JAS-05",
        "ข้าวหอมมะลิตราฉัตรทอง5กิโลกรัม",
        "189",
    )
    .await;
    create_ok(&app, &token, "RICE-STK-01", "ข้าวเหนียวเขี้ยวงู1กิโลกรัม", "52").await;
    create_ok(&app, &token, "SAUCE-01", "น้ำปลาแท้ตราปลาหมึก", "45").await;
    let search = |text: &str| {
        let text = text.to_owned();
        let app = &app;
        let token = token.clone();
        async move {
            let response = app
                .gql(
                    Some(&token),
                    "query($s: String) { products(filter: {search: $s}, sort: SKU) { edges { node { sku } } } }",
                    json!({"s": text}),
                )
                .await;
            response["data"]["products"]["edges"]
                .as_array()
                .unwrap_or_else(|| panic!("{response}"))
                .iter()
                .map(|edge| edge["node"]["sku"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(search("หอมมะลิ").await, ["RICE-JAS-05"]);
    assert_eq!(search("ข้าว").await, ["RICE-JAS-05", "RICE-STK-01"]);
    assert_eq!(search("ปลาหมึก").await, ["SAUCE-01"]);
    assert_eq!(search("rice-").await, ["RICE-JAS-05", "RICE-STK-01"]);
    assert_eq!(search("100%_").await, Vec::<String>::new());
}

#[tokio::test]
async fn sorted_pages_follow_their_cursors() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    for (sku, name, price) in [
        ("P-1", "ไก่", "30"),
        ("P-2", "ขวด", "10"),
        ("P-3", "กล่อง", "20"),
        ("P-4", "เกลือ", "40"),
    ] {
        create_ok(&app, &token, sku, name, price).await;
    }
    let query = "query($sort: ProductSort!, $after: String) { products(sort: $sort, first: 2, after: $after) {
        edges { node { sku } } pageInfo { hasNextPage endCursor } } }";
    let walk = |sort: &'static str| {
        let app = &app;
        let token = token.clone();
        async move {
            let mut skus = Vec::new();
            let mut after = Value::Null;
            loop {
                let page = app
                    .gql(Some(&token), query, json!({"sort": sort, "after": after}))
                    .await;
                let products = &page["data"]["products"];
                for edge in products["edges"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{page}"))
                {
                    skus.push(edge["node"]["sku"].as_str().unwrap().to_owned());
                }
                if products["pageInfo"]["hasNextPage"] != true {
                    return skus;
                }
                after = products["pageInfo"]["endCursor"].clone();
            }
        }
    };
    assert_eq!(walk("PRICE_ASC").await, ["P-2", "P-3", "P-1", "P-4"]);
    assert_eq!(walk("PRICE_DESC").await, ["P-4", "P-1", "P-3", "P-2"]);
    // Thai dictionary order ignores the leading vowel: กล่อง, ขวด, เกลือ (ก), ไก่ (ก)...
    assert_eq!(walk("NAME").await, ["P-3", "P-4", "P-1", "P-2"]);
    assert_eq!(walk("NEWEST").await, ["P-4", "P-3", "P-2", "P-1"]);

    let first = app.gql(Some(&token), query, json!({"sort": "SKU"})).await;
    let cursor = first["data"]["products"]["pageInfo"]["endCursor"].clone();
    let mismatched = app
        .gql(
            Some(&token),
            query,
            json!({"sort": "NAME", "after": cursor}),
        )
        .await;
    assert_eq!(error_paths(&mismatched), ["after"]);
}

#[tokio::test]
async fn updates_check_the_version_clear_fields_and_are_recorded() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    let product = create(
        &app,
        &token,
        json!({"sku": "UPD-1", "nameTh": "สบู่", "nameEn": "Soap", "unit": "ก้อน", "price": "25"}),
    )
    .await["data"]["createProduct"]
        .clone();
    let updated = app
        .gql(
            Some(&token),
            UPDATE,
            json!({"input": {"id": product["id"], "expectedVersion": 1, "price": "27.50", "nameEn": null}}),
        )
        .await;
    let updated = &updated["data"]["updateProduct"];
    assert_eq!(updated["price"], "27.50");
    assert_eq!(updated["nameEn"], Value::Null);
    assert_eq!(updated["nameTh"], "สบู่");
    assert_eq!(updated["version"], 2);
    let stale = app
        .gql(
            Some(&token),
            UPDATE,
            json!({"input": {"id": product["id"], "expectedVersion": 1, "price": "1"}}),
        )
        .await;
    assert_eq!(error_code(&stale).as_deref(), Some("CONFLICT"), "{stale}");
    let too_long = app
        .gql(
            Some(&token),
            UPDATE,
            json!({"input": {"id": product["id"], "unit": "x".repeat(21)}}),
        )
        .await;
    assert_eq!(error_paths(&too_long), ["input.unit"]);

    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await
        .access_token;
    let history = app
        .gql(
            Some(&admin),
            "query($id: String) { auditLog(filter: {action: \"updateProduct\", entityId: $id}) { edges { node { before after } } } }",
            json!({"id": product["id"]}),
        )
        .await;
    let entry = &history["data"]["auditLog"]["edges"][0]["node"];
    assert_eq!(entry["before"]["price"], "25.00", "{history}");
    assert_eq!(entry["after"]["price"], "27.50");
    assert_eq!(entry["before"]["nameEn"], "Soap");
    assert_eq!(entry["after"]["nameEn"], Value::Null);
}

#[tokio::test]
async fn archiving_keeps_the_product_but_filters_it_out() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    let product = create_ok(&app, &token, "ARC-1", "ของเก่า", "5").await;
    let archived = app
        .gql(
            Some(&token),
            "mutation($input: ArchiveProductInput!) { archiveProduct(input: $input) { isActive } }",
            json!({"input": {"id": product["id"]}}),
        )
        .await;
    assert_eq!(archived["data"]["archiveProduct"]["isActive"], false);
    let active = app
        .gql(
            Some(&token),
            "{ products(filter: {active: true}) { edges { node { sku } } } }",
            json!({}),
        )
        .await;
    assert_eq!(active["data"]["products"]["edges"], json!([]));
    let read = app
        .gql(
            Some(&token),
            "query($id: UUID!) { product(id: $id) { isActive } }",
            json!({"id": product["id"]}),
        )
        .await;
    assert_eq!(read["data"]["product"]["isActive"], false);
}

#[tokio::test]
async fn the_category_tree_refuses_cycles_and_filters_include_subcategories() {
    let app = spawn_app().await;
    let token = manager(&app).await;
    let create_category = |name: &'static str, parent: Value| {
        let app = &app;
        let token = token.clone();
        async move {
            let response = app
                .gql(
                    Some(&token),
                    "mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }",
                    json!({"input": {"nameTh": name, "parentId": parent}}),
                )
                .await;
            response["data"]["createCategory"]["id"].clone()
        }
    };
    let food = create_category("อาหาร", Value::Null).await;
    let rice = create_category("ข้าว", food.clone()).await;
    let jasmine = create_category("ข้าวหอมมะลิ", rice.clone()).await;
    let duplicate = app
        .gql(
            Some(&token),
            "mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }",
            json!({"input": {"nameTh": "ข้าว", "parentId": food}}),
        )
        .await;
    assert_eq!(error_code(&duplicate).as_deref(), Some("CONFLICT"));
    let blank = app
        .gql(
            Some(&token),
            "mutation { createCategory(input: {nameTh: \"   \"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_paths(&blank), ["input.nameTh"], "{blank}");

    let cycle = app
        .gql(
            Some(&token),
            "mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { id } }",
            json!({"input": {"id": food, "parentId": jasmine}}),
        )
        .await;
    assert_eq!(error_code(&cycle).as_deref(), Some("CONFLICT"), "{cycle}");

    create(&app, &token, json!({"sku": "J-1", "nameTh": "หอมมะลิ", "unit": "ถุง", "price": "1", "categoryId": jasmine})).await;
    create_ok(&app, &token, "OTHER-1", "อื่น", "1").await;
    let in_food = app
        .gql(
            Some(&token),
            "query($c: UUID) { products(filter: {categoryId: $c}) { edges { node { sku category { nameTh parent { nameTh } } } } } }",
            json!({"c": food}),
        )
        .await;
    let edges = in_food["data"]["products"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "{in_food}");
    assert_eq!(edges[0]["node"]["category"]["parent"]["nameTh"], "ข้าว");

    let tree = app
        .gql(
            Some(&token),
            "{ categories { nameTh children { nameTh } } }",
            json!({}),
        )
        .await;
    let food_node = tree["data"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|category| category["nameTh"] == "อาหาร")
        .unwrap()
        .clone();
    assert_eq!(food_node["children"], json!([{"nameTh": "ข้าว"}]));
    let moved = app
        .gql(
            Some(&token),
            "mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { parentId } }",
            json!({"input": {"id": jasmine, "parentId": null}}),
        )
        .await;
    assert_eq!(moved["data"]["updateCategory"]["parentId"], Value::Null);
}

async fn price_seen_by(app: &TestApp, token: &str, id: &Value) -> Value {
    app.gql(
        Some(token),
        "query($id: UUID!) { product(id: $id) { price } }",
        json!({"id": id}),
    )
    .await["data"]["product"]["price"]
        .clone()
}

#[tokio::test]
async fn a_second_instance_never_serves_a_stale_cached_product() {
    let first = spawn_app().await;
    let second = first.second_instance().await;
    let token = manager(&first).await;
    let product = create_ok(&first, &token, "CACHE-1", "แคช", "10").await;
    // Both instances read (and cache) it.
    assert_eq!(price_seen_by(&first, &token, &product["id"]).await, "10.00");
    assert_eq!(
        price_seen_by(&second, &token, &product["id"]).await,
        "10.00"
    );
    let updated = second
        .gql(
            Some(&token),
            UPDATE,
            json!({"input": {"id": product["id"], "price": "12.00"}}),
        )
        .await;
    assert_eq!(updated["data"]["updateProduct"]["price"], "12.00");
    assert_eq!(price_seen_by(&first, &token, &product["id"]).await, "12.00");
}

#[tokio::test]
async fn without_redis_each_instance_drops_its_copy_when_the_change_event_arrives() {
    let first = spawn_app_with(TestConfig::default().without("REDIS_URL")).await;
    let second = first.second_instance().await;
    let token = manager(&first).await;
    let product = create_ok(&first, &token, "CACHE-2", "แคช", "10").await;
    assert_eq!(price_seen_by(&first, &token, &product["id"]).await, "10.00");
    second
        .gql(
            Some(&token),
            UPDATE,
            json!({"input": {"id": product["id"], "price": "15.00"}}),
        )
        .await;
    let mut seen = Value::Null;
    for _ in 0..100 {
        seen = price_seen_by(&first, &token, &product["id"]).await;
        if seen == "15.00" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        seen, "15.00",
        "the event invalidated the other instance's cache"
    );
}
