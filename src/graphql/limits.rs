//! Document limits async-graphql lacks: aliases per document and root fields per operation.
//! (Depth and complexity use the library's own limits, set in the schema builder.)

use std::sync::Arc;

use async_graphql::{
    ErrorExtensionValues, ServerError, ServerResult, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery},
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

/// The extension factory, with its caps.
pub struct DocumentLimits {
    /// Maximum aliased fields in the whole document.
    pub max_aliases: usize,
    /// Maximum root fields in any one operation.
    pub max_root_fields: usize,
}

impl ExtensionFactory for DocumentLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(DocumentLimitsExtension {
            max_aliases: self.max_aliases,
            max_root_fields: self.max_root_fields,
        })
    }
}

struct DocumentLimitsExtension {
    max_aliases: usize,
    max_root_fields: usize,
}

#[async_trait::async_trait]
impl Extension for DocumentLimitsExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        check(&document, self.max_aliases, self.max_root_fields)?;
        Ok(document)
    }
}

/// Checks a parsed document against both caps.
pub fn check(
    document: &ExecutableDocument,
    max_aliases: usize,
    max_root_fields: usize,
) -> ServerResult<()> {
    let mut aliases = 0;
    for (_, operation) in document.operations.iter() {
        let root_fields = operation.node.selection_set.node.items.len();
        if root_fields > max_root_fields {
            return Err(limit_error(format!(
                "an operation may select at most {max_root_fields} root fields; this one selects {root_fields}"
            )));
        }
        aliases += count_aliases(&operation.node.selection_set.node);
    }
    for fragment in document.fragments.values() {
        aliases += count_aliases(&fragment.node.selection_set.node);
    }
    if aliases > max_aliases {
        return Err(limit_error(format!(
            "a document may use at most {max_aliases} aliases; this one uses {aliases}"
        )));
    }
    Ok(())
}

fn count_aliases(selection_set: &SelectionSet) -> usize {
    selection_set
        .items
        .iter()
        .map(|selection| match &selection.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some())
                    + count_aliases(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => count_aliases(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

fn limit_error(message: String) -> ServerError {
    let mut error = ServerError::new(message, None);
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", super::error::ErrorCode::BadRequest.as_str());
    error.extensions = Some(extensions);
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(query).unwrap()
    }

    #[test]
    fn aliases_are_counted_in_operations_and_fragments() {
        let document = parse(
            "query { a: me { id } b: me { x: id } ...F } fragment F on Query { c: me { id } }",
        );
        assert!(check(&document, 4, 10).is_ok());
        let error = check(&document, 3, 10).unwrap_err();
        assert!(error.message.contains("uses 4"), "{}", error.message);
    }

    #[test]
    fn root_fields_are_capped() {
        let document = parse("{ me { id } roles { code } users { edges { cursor } } }");
        assert!(check(&document, 10, 3).is_ok());
        assert!(check(&document, 10, 2).is_err());
    }
}
