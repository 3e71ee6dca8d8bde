//! Bins: created per warehouse with unique codes, a product's home bin assigned and cleared, a bin in use
//! kept active, and every change in the usage history.

use klang::platform::auth::Role;
use serde_json::{Value, json};

use crate::{
    helpers::{TestApp, error_code, error_paths},
    inventory::{create_warehouse, stock},
};

const PASSWORD: &str = "Test-password-2026";

async fn create_bin(app: &TestApp, token: &str, warehouse: &str, code: &str) -> Value {
    app.gql(
        Some(token),
        "mutation($input: CreateBinInput!) { createBin(input: $input) { id code description isActive warehouseId } }",
        json!({"input": {"warehouseId": warehouse, "code": code, "description": "โซน A ชั้น 1"}}),
    )
    .await
}

async fn assign(app: &TestApp, token: &str, product: &str, warehouse: &str, bin: Value) -> Value {
    app.gql(
        Some(token),
        "mutation($input: AssignBinInput!) { assignBin(input: $input) { onHand binId bin { code } } }",
        json!({"input": {"productId": product, "warehouseId": warehouse, "binId": bin}}),
    )
    .await
}

async fn set_active(app: &TestApp, token: &str, bin: &str, active: bool) -> Value {
    app.gql(
        Some(token),
        "mutation($input: UpdateBinInput!) { updateBin(input: $input) { isActive } }",
        json!({"input": {"id": bin, "isActive": active}}),
    )
    .await
}

/// The suite's warehouse in a `warehouses` answer.
fn bangna(listed: &Value) -> Value {
    listed["data"]["warehouses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|warehouse| warehouse["code"] == "BKK-BANGNA")
        .cloned()
        .unwrap_or_else(|| panic!("{listed}"))
}

fn id(response: &Value, field: &str) -> String {
    response["data"][field]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{response}"))
        .to_owned()
}

#[tokio::test]
async fn bins_are_unique_per_warehouse_and_well_formed() {
    let s = stock().await;
    let (app, token) = (&s.app, s.manager.as_str());
    let created = create_bin(app, token, &s.warehouse, " a-01-3 ").await;
    assert_eq!(created["data"]["createBin"]["code"], "A-01-3", "{created}");
    assert_eq!(created["data"]["createBin"]["isActive"], true);

    let again = create_bin(app, token, &s.warehouse, "A-01-3").await;
    assert_eq!(error_code(&again).as_deref(), Some("CONFLICT"), "{again}");
    assert_eq!(error_paths(&again), ["input.code"]);
    let elsewhere = create_warehouse(app, token, "CBI-AMATA", "คลังชลบุรี").await;
    let same_code_elsewhere = create_bin(app, token, &elsewhere, "A-01-3").await;
    assert!(
        same_code_elsewhere["data"]["createBin"].is_object(),
        "{same_code_elsewhere}"
    );

    for bad in ["", "A 01", "-A", "ชั้น1", &"A".repeat(31)] {
        let refused = create_bin(app, token, &s.warehouse, bad).await;
        assert_eq!(
            error_code(&refused).as_deref(),
            Some("BAD_USER_INPUT"),
            "{bad}: {refused}"
        );
        assert_eq!(error_paths(&refused), ["input.code"], "{bad}");
    }
    let nowhere = create_bin(app, token, &uuid::Uuid::now_v7().to_string(), "B-01").await;
    assert_eq!(
        error_code(&nowhere).as_deref(),
        Some("NOT_FOUND"),
        "{nowhere}"
    );

    let viewer = app
        .sign_in(&app.create_user(Role::Viewer).await, PASSWORD)
        .await
        .access_token;
    let denied = create_bin(app, &viewer, &s.warehouse, "B-02").await;
    assert_eq!(
        error_code(&denied).as_deref(),
        Some("FORBIDDEN"),
        "{denied}"
    );
    let listed = app
        .gql(
            Some(&viewer),
            "{ warehouses { code bins { code } } }",
            json!({}),
        )
        .await;
    let bangna = bangna(&listed);
    assert_eq!(bangna["bins"], json!([{"code": "A-01-3"}]));
}

#[tokio::test]
async fn a_home_bin_is_assigned_filtered_cleared_and_guarded() {
    let s = stock().await;
    let (app, token) = (&s.app, s.manager.as_str());
    let bin = id(
        &create_bin(app, token, &s.warehouse, "A-01").await,
        "createBin",
    );
    let spare = id(
        &create_bin(app, token, &s.warehouse, "A-02").await,
        "createBin",
    );

    // A product without stock here yet gets a level holding nothing, with its home bin.
    let assigned = assign(app, token, &s.product, &s.warehouse, json!(bin)).await;
    assert_eq!(
        assigned["data"]["assignBin"],
        json!({"onHand": 0, "binId": bin, "bin": {"code": "A-01"}}),
        "{assigned}"
    );
    let in_bin = app
        .gql(
            Some(token),
            "query($bin: UUID) { stockLevels(filter: {binId: $bin}, first: 10) { edges { node { product { sku } bin { code } } } } }",
            json!({"bin": bin}),
        )
        .await;
    assert_eq!(
        in_bin["data"]["stockLevels"]["edges"],
        json!([{"node": {"product": {"sku": "RICE-5KG"}, "bin": {"code": "A-01"}}}]),
        "{in_bin}"
    );
    let empty = app
        .gql(
            Some(token),
            "query($bin: UUID) { stockLevels(filter: {binId: $bin}, first: 10) { edges { node { productId } } } }",
            json!({"bin": spare}),
        )
        .await;
    assert_eq!(empty["data"]["stockLevels"]["edges"], json!([]), "{empty}");

    // A bin of another warehouse, an unknown bin and an inactive bin are refused.
    let elsewhere = create_warehouse(app, token, "CBI-AMATA", "คลังชลบุรี").await;
    let foreign = id(
        &create_bin(app, token, &elsewhere, "A-01").await,
        "createBin",
    );
    let crossed = assign(app, token, &s.product, &s.warehouse, json!(foreign)).await;
    assert_eq!(
        error_code(&crossed).as_deref(),
        Some("BAD_USER_INPUT"),
        "{crossed}"
    );
    assert_eq!(error_paths(&crossed), ["input.binId"]);
    let unknown = assign(
        app,
        token,
        &s.product,
        &s.warehouse,
        json!(uuid::Uuid::now_v7()),
    )
    .await;
    assert_eq!(
        error_code(&unknown).as_deref(),
        Some("NOT_FOUND"),
        "{unknown}"
    );
    let deactivated = set_active(app, token, &spare, false).await;
    assert_eq!(
        deactivated["data"]["updateBin"]["isActive"], false,
        "{deactivated}"
    );
    let to_inactive = assign(app, token, &s.product, &s.warehouse, json!(spare)).await;
    assert_eq!(
        error_code(&to_inactive).as_deref(),
        Some("CONFLICT"),
        "{to_inactive}"
    );

    // A bin that is still a product's home stays active until the product moves out.
    let in_use = set_active(app, token, &bin, false).await;
    assert_eq!(error_code(&in_use).as_deref(), Some("CONFLICT"), "{in_use}");
    let cleared = assign(app, token, &s.product, &s.warehouse, Value::Null).await;
    assert_eq!(
        cleared["data"]["assignBin"]["bin"],
        Value::Null,
        "{cleared}"
    );
    let emptied = set_active(app, token, &bin, false).await;
    assert_eq!(emptied["data"]["updateBin"]["isActive"], false, "{emptied}");
    let listed = app
        .gql(
            Some(token),
            "{ warehouses { code active: bins { code } all: bins(includeInactive: true) { code } } }",
            json!({}),
        )
        .await;
    let bangna = bangna(&listed);
    assert_eq!(bangna["active"], json!([]));
    assert_eq!(bangna["all"], json!([{"code": "A-01"}, {"code": "A-02"}]));

    let history = app
        .gql(
            Some(token),
            "query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 10) { edges { node { outcome errorCode before after } } } }",
            json!({"filter": {"action": "assignBin"}}),
        )
        .await;
    let entries: Vec<&Value> = history["data"]["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| &edge["node"])
        .collect();
    let outcomes: Vec<(&str, &str)> = entries
        .iter()
        .map(|entry| {
            let code = entry["errorCode"].as_str().unwrap_or("-");
            (entry["outcome"].as_str().unwrap(), code)
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("SUCCESS", "-"),
            ("FAILURE", "CONFLICT"),
            ("FAILURE", "NOT_FOUND"),
            ("FAILURE", "BAD_USER_INPUT"),
            ("SUCCESS", "-"),
        ],
        "{history}"
    );
    assert_eq!(entries[0]["before"], json!({"binId": bin}));
    assert_eq!(entries[0]["after"], json!({"binId": null}));
}
