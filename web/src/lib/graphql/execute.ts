/**
 * The one way screens run a mutation (or a one-off query): typed by the generated document, resolved with the
 * data or rejected with an `ApiError`.
 */
import type { Client, AnyVariables, TypedDocumentNode } from "urql";
import { ApiError } from "./errors";

/** Runs a mutation and returns its data; throws `ApiError` on any error. */
export async function executeMutation<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await client.mutation(document, variables).toPromise();
  if (result.error) {
    throw ApiError.from(result.error);
  }
  if (result.data === undefined) {
    throw new ApiError("INTERNAL", "no data");
  }
  return result.data;
}

/** Runs a query against the network (not the cache) and returns its data; throws `ApiError` on any error. */
export async function executeQuery<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await client.query(document, variables, { requestPolicy: "network-only" }).toPromise();
  if (result.error) {
    throw ApiError.from(result.error);
  }
  if (result.data === undefined) {
    throw new ApiError("INTERNAL", "no data");
  }
  return result.data;
}
