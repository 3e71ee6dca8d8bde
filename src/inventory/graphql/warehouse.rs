//! Warehouses: list, create, update.

use async_graphql::{Context, InputObject, MaybeUndefined, Object};
use uuid::Uuid;
use validator::Validate;

use crate::{
    graphql::{
        context::ContextExt,
        error::{ApiError, check_text_length, validate_input},
    },
    inventory::model::Warehouse,
    platform::auth::Permission,
};

/// A warehouse or bin code in capitals; refused (at `input.code`) unless it is letters, digits and `-`,
/// starting with a letter or digit.
pub(super) fn normalized_code(raw: &str) -> Result<String, ApiError> {
    let code = raw.trim().to_uppercase();
    let well_formed = code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && code
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if well_formed {
        Ok(code)
    } else {
        Err(ApiError::bad_field(
            "input.code",
            "must be capital letters, digits or '-'",
        ))
    }
}

/// A new warehouse.
#[derive(Debug, InputObject, Validate)]
pub struct CreateWarehouseInput {
    /// Unique code: 2–20 capital letters, digits or `-`, e.g. `BKK-BANGNA`.
    #[validate(length(min = 2, max = 20, message = "must be 2 to 20 characters"))]
    pub code: String,
    /// Thai name.
    #[validate(length(min = 1, max = 120, message = "must be 1 to 120 characters"))]
    pub name_th: String,
    /// English name.
    #[validate(length(min = 1, max = 120, message = "must be 1 to 120 characters"))]
    pub name_en: Option<String>,
    /// Postal address.
    #[validate(length(max = 500, message = "must be at most 500 characters"))]
    pub address: Option<String>,
}

/// Changes to a warehouse; omitted fields stay as they are.
#[derive(Debug, InputObject)]
pub struct UpdateWarehouseInput {
    /// The warehouse.
    pub id: Uuid,
    /// New Thai name.
    pub name_th: Option<String>,
    /// New English name, or `null`.
    pub name_en: MaybeUndefined<String>,
    /// New address, or `null`.
    pub address: MaybeUndefined<String>,
    /// Activate or deactivate (an inactive warehouse accepts no movements).
    pub is_active: Option<bool>,
}

/// Warehouse queries (any signed-in user).
#[derive(Default)]
pub struct WarehouseQuery;

#[Object]
impl WarehouseQuery {
    /// Every warehouse, by code.
    async fn warehouses(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Warehouse>> {
        ctx.actor()?;
        Ok(ctx.state().inventory.warehouses().await?)
    }
}

/// Warehouse mutations (need `stock:adjust`).
#[derive(Default)]
pub struct WarehouseMutation;

#[Object]
impl WarehouseMutation {
    /// Creates a warehouse.
    async fn create_warehouse(
        &self,
        ctx: &Context<'_>,
        input: CreateWarehouseInput,
    ) -> async_graphql::Result<Warehouse> {
        ctx.require(Permission::StockAdjust)?;
        validate_input(&input)?;
        let code = normalized_code(&input.code)?;
        let now = chrono::Utc::now();
        let draft = Warehouse {
            id: Uuid::nil(),
            code,
            name_th: input.name_th.trim().to_owned(),
            name_en: input.name_en.map(|name| name.trim().to_owned()),
            address: input.address,
            is_active: true,
            created_at: now,
            updated_at: now,
        };
        Ok(ctx
            .state()
            .inventory
            .create_warehouse(&ctx.origin(), draft)
            .await?)
    }

    /// Renames, re-addresses, activates or deactivates a warehouse.
    async fn update_warehouse(
        &self,
        ctx: &Context<'_>,
        input: UpdateWarehouseInput,
    ) -> async_graphql::Result<Warehouse> {
        ctx.require(Permission::StockAdjust)?;
        check_text_length("input.nameTh", input.name_th.as_deref(), 120)?;
        check_text_length(
            "input.nameEn",
            input.name_en.value().map(String::as_str),
            120,
        )?;
        check_text_length(
            "input.address",
            input.address.value().map(String::as_str),
            500,
        )?;
        Ok(ctx
            .state()
            .inventory
            .update_warehouse(&ctx.origin(), input.id, |warehouse| {
                if let Some(name_th) = input.name_th {
                    warehouse.name_th = name_th.trim().to_owned();
                }
                match input.name_en {
                    MaybeUndefined::Undefined => {}
                    MaybeUndefined::Null => warehouse.name_en = None,
                    MaybeUndefined::Value(name) => warehouse.name_en = Some(name.trim().to_owned()),
                }
                match input.address {
                    MaybeUndefined::Undefined => {}
                    MaybeUndefined::Null => warehouse.address = None,
                    MaybeUndefined::Value(address) => warehouse.address = Some(address),
                }
                if let Some(active) = input.is_active {
                    warehouse.is_active = active;
                }
            })
            .await?)
    }
}
