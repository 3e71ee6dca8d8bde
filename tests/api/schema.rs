//! The committed schema file matches the code.

#[test]
fn schema_file_is_current() {
    let config = klang::config::Config::from_lookup(|_| None).expect("defaults");
    let expected = klang::graphql::schema::sdl(&config.graphql);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/schema.graphql");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "schema/schema.graphql is stale: run `cargo run -- export-schema` and commit the result"
    );
}
