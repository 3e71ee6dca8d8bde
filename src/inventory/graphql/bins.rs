//! Bins: create, describe, deactivate, and name a product's home bin in a warehouse.

use async_graphql::{Context, InputObject, MaybeUndefined, Object};
use uuid::Uuid;
use validator::Validate;

use super::warehouse::normalized_code;
use crate::{
    graphql::{
        context::ContextExt,
        error::{check_text_length, validate_input},
    },
    inventory::model::{StockLevel, WarehouseBin},
    platform::auth::Permission,
};

/// A new bin.
#[derive(Debug, InputObject, Validate)]
pub struct CreateBinInput {
    /// The warehouse it is in.
    pub warehouse_id: Uuid,
    /// Code, unique within the warehouse: 1–30 capital letters, digits or `-`, e.g. `A-01-3`.
    #[validate(length(min = 1, max = 30, message = "must be 1 to 30 characters"))]
    pub code: String,
    /// What or where it is.
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub description: Option<String>,
}

/// Changes to a bin; omitted fields stay as they are. The code never changes (it is printed on labels).
#[derive(Debug, InputObject)]
pub struct UpdateBinInput {
    /// The bin.
    pub id: Uuid,
    /// New description, or `null`.
    pub description: MaybeUndefined<String>,
    /// Activate or deactivate (a bin that is still some product's home cannot be deactivated).
    pub is_active: Option<bool>,
}

/// Where a product lives in a warehouse.
#[derive(Debug, InputObject)]
pub struct AssignBinInput {
    /// The product.
    pub product_id: Uuid,
    /// The warehouse.
    pub warehouse_id: Uuid,
    /// An active bin of that warehouse, or `null` to clear the assignment.
    pub bin_id: Option<Uuid>,
}

/// Bin mutations (need `stock:adjust`). All are absolute, so repeating one changes nothing: no idempotency key.
#[derive(Default)]
pub struct BinMutation;

#[Object]
impl BinMutation {
    /// Creates a bin in an active warehouse.
    async fn create_bin(
        &self,
        ctx: &Context<'_>,
        input: CreateBinInput,
    ) -> async_graphql::Result<WarehouseBin> {
        ctx.require(Permission::StockAdjust)?;
        validate_input(&input)?;
        let now = chrono::Utc::now();
        let draft = WarehouseBin {
            id: Uuid::nil(),
            warehouse_id: input.warehouse_id,
            code: normalized_code(&input.code)?,
            description: input.description.map(|text| text.trim().to_owned()),
            is_active: true,
            created_at: now,
            updated_at: now,
        };
        Ok(ctx
            .state()
            .inventory
            .create_bin(&ctx.origin(), draft)
            .await?)
    }

    /// Re-describes, activates or deactivates a bin.
    async fn update_bin(
        &self,
        ctx: &Context<'_>,
        input: UpdateBinInput,
    ) -> async_graphql::Result<WarehouseBin> {
        ctx.require(Permission::StockAdjust)?;
        check_text_length(
            "input.description",
            input.description.value().map(String::as_str),
            200,
        )?;
        Ok(ctx
            .state()
            .inventory
            .update_bin(&ctx.origin(), input.id, |bin| {
                match input.description {
                    MaybeUndefined::Undefined => {}
                    MaybeUndefined::Null => bin.description = None,
                    MaybeUndefined::Value(text) => bin.description = Some(text.trim().to_owned()),
                }
                if let Some(active) = input.is_active {
                    bin.is_active = active;
                }
            })
            .await?)
    }

    /// Names (or clears) the home bin of a product in a warehouse.
    async fn assign_bin(
        &self,
        ctx: &Context<'_>,
        input: AssignBinInput,
    ) -> async_graphql::Result<StockLevel> {
        ctx.require(Permission::StockAdjust)?;
        Ok(ctx
            .state()
            .inventory
            .assign_bin(
                &ctx.origin(),
                input.product_id,
                input.warehouse_id,
                input.bin_id,
            )
            .await?)
    }
}
