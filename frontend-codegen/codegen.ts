/**
 * GraphQL Code Generator configuration for the Klang web app.
 *
 * Reads the service's exported schema (never a running server) and every operation written with `graphql()`
 * in `web/src`, and writes typed documents plus the persisted-documents manifest into `web/src/gql/`.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";
import { addTypenameSelectionDocumentTransform } from "@graphql-codegen/client-preset";

const scalars = {
  UUID: "string",
  DateTime: "string",
  NaiveDate: "string",
  Decimal: "string",
  JSON: "unknown",
};

const config: CodegenConfig = {
  schema: "../schema/schema.graphql",
  documents: ["../web/src/**/*.{ts,tsx}", "!../web/src/gql/**", "!../web/src/**/*.test.{ts,tsx}"],
  ignoreNoDocuments: false,
  generates: {
    "../web/src/gql/": {
      preset: "client",
      presetConfig: {
        // Each document carries its hash (`__meta__.hash`, `sha256:<hex>`); the manifest maps hash -> text.
        persistedDocuments: { hashAlgorithm: "sha256" },
        fragmentMasking: { unmaskFunctionName: "getFragmentData" },
      },
      // graphcache normalises by `__typename:id`: the stored documents must select `__typename` everywhere.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        defaultScalarType: "unknown",
        scalars,
      },
    },
    // Every enum of the schema, also those no operation selects (the UI matches on `ErrorCode`).
    "../web/src/gql/schema-enums.ts": {
      plugins: ["typescript"],
      config: { onlyEnums: true, enumsAsTypes: true, scalars, defaultScalarType: "unknown" },
    },
  },
};

export default config;
