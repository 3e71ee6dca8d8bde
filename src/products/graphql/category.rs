//! The category tree: list, create, rename and move.

use async_graphql::{Context, InputObject, MaybeUndefined, Object};
use uuid::Uuid;
use validator::Validate;

use super::edit;
use crate::{
    graphql::{
        context::ContextExt,
        error::{check_text_length, validate_input},
        loaders::Loaders,
    },
    platform::auth::Permission,
    products::model::Category,
};

/// A new category.
#[derive(Debug, InputObject, Validate)]
pub struct CreateCategoryInput {
    /// The parent; omit for a top-level category.
    pub parent_id: Option<Uuid>,
    /// Thai name, unique among its siblings.
    #[validate(length(min = 1, max = 120, message = "must be 1 to 120 characters"))]
    pub name_th: String,
    /// English name.
    #[validate(length(min = 1, max = 120, message = "must be 1 to 120 characters"))]
    pub name_en: Option<String>,
}

/// Changes to a category; omitted fields stay as they are. `parentId: null` moves it to the top level.
#[derive(Debug, InputObject)]
pub struct UpdateCategoryInput {
    /// The category.
    pub id: Uuid,
    /// New Thai name.
    pub name_th: Option<String>,
    /// New English name, or `null` to clear it.
    pub name_en: MaybeUndefined<String>,
    /// New parent, or `null` for the top level. A category cannot move under itself or its descendants.
    pub parent_id: MaybeUndefined<Uuid>,
}

/// Category queries (any signed-in user).
#[derive(Default)]
pub struct CategoryQuery;

#[Object]
impl CategoryQuery {
    /// Every category, in Thai dictionary order; build the tree from `parentId` or `children`.
    async fn categories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Category>> {
        ctx.actor()?;
        Ok(ctx.state().products.categories().await?)
    }

    /// One category.
    async fn category(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
    ) -> async_graphql::Result<Option<Category>> {
        ctx.actor()?;
        Ok(Loaders::of(ctx).category_by_id.load_one(id).await?)
    }
}

/// Category mutations (need `product:write`).
#[derive(Default)]
pub struct CategoryMutation;

#[Object]
impl CategoryMutation {
    /// Creates a category.
    async fn create_category(
        &self,
        ctx: &Context<'_>,
        input: CreateCategoryInput,
    ) -> async_graphql::Result<Category> {
        ctx.require(Permission::ProductWrite)?;
        validate_input(&input)?;
        Ok(ctx
            .state()
            .products
            .create_category(
                &ctx.origin(),
                input.parent_id,
                &input.name_th,
                input.name_en.as_deref(),
            )
            .await?)
    }

    /// Renames and/or moves a category.
    async fn update_category(
        &self,
        ctx: &Context<'_>,
        input: UpdateCategoryInput,
    ) -> async_graphql::Result<Category> {
        ctx.require(Permission::ProductWrite)?;
        check_text_length("input.nameTh", input.name_th.as_deref(), 120)?;
        check_text_length(
            "input.nameEn",
            input.name_en.value().map(String::as_str),
            120,
        )?;
        let name_en = edit(input.name_en);
        Ok(ctx
            .state()
            .products
            .update_category(
                &ctx.origin(),
                input.id,
                input.name_th.as_deref(),
                name_en.as_ref().map(|name| name.as_deref()),
                edit(input.parent_id),
            )
            .await?)
    }
}
