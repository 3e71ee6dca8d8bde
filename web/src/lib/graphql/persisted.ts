/**
 * Persisted documents: every generated document carries `__meta__.hash` (`sha256:<hex>`, the key of
 * `src/gql/persisted-documents.json`). When enabled, the client sends only the hash and the API looks the
 * document up in that manifest (and, with `GRAPHQL_TRUSTED_DOCUMENTS=required`, refuses anything else).
 */
import type { DocumentNode } from "graphql";

/** Whether to send hashes instead of documents; fixed at build time (`NEXT_PUBLIC_KLANG_PERSISTED_DOCUMENTS=1`). */
export const persistedDocumentsEnabled = process.env.NEXT_PUBLIC_KLANG_PERSISTED_DOCUMENTS === "1";

/** The bare hex SHA-256 of a generated document, or `null` for a document codegen did not produce. */
export function documentHash(document: DocumentNode): string | null {
  const meta = (document as { __meta__?: { hash?: unknown } }).__meta__;
  if (typeof meta?.hash !== "string") {
    return null;
  }
  return meta.hash.replace(/^sha256:/, "");
}
