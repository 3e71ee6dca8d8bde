//! Every error a client receives carries `extensions.code`, including the ones async-graphql raises itself:
//! parse and validation failures become `BAD_REQUEST`, and input coercion failures during execution (an
//! unknown enum value in a variable, say) become `BAD_USER_INPUT`. Our own errors already carry their code.

use std::sync::Arc;

use async_graphql::{
    ErrorExtensionValues, Response, ServerError, ServerResult, ValidationResult, Variables,
    extensions::{
        Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextSubscribe,
        NextValidation,
    },
    futures_util::stream::BoxStream,
    parser::types::ExecutableDocument,
};
use futures::StreamExt;

use super::error::ErrorCode;

/// The extension factory.
pub struct DefaultErrorCodes;

impl ExtensionFactory for DefaultErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(DefaultErrorCodesExtension)
    }
}

struct DefaultErrorCodesExtension;

#[async_trait::async_trait]
impl Extension for DefaultErrorCodesExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        next.run(ctx, query, variables)
            .await
            .map_err(|error| with_code(error, ErrorCode::BadRequest))
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|error| with_code(error, ErrorCode::BadRequest))
                .collect()
        })
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        coded(next.run(ctx, operation_name).await)
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        next.run(ctx, stream).map(coded).boxed()
    }
}

fn coded(mut response: Response) -> Response {
    response.errors = response
        .errors
        .into_iter()
        .map(|error| with_code(error, ErrorCode::BadUserInput))
        .collect();
    response
}

/// Adds `code` unless the error already has one.
fn with_code(mut error: ServerError, code: ErrorCode) -> ServerError {
    let extensions = error
        .extensions
        .get_or_insert_with(ErrorExtensionValues::default);
    if extensions.get("code").is_none() {
        extensions.set("code", code.as_str());
    }
    error
}
