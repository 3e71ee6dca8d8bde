/**
 * Component tests without a server: an urql client that answers queries from fixtures by operation name and
 * records every mutation (name and variables), answering it from a handler, plus a render helper with the Thai
 * catalog, the client and (optionally) a signed-in viewer.
 */
import { render } from "@testing-library/react";
import type { DocumentNode } from "graphql";
import type { ReactNode } from "react";
import { CombinedError, makeOperation, Provider, type Client, type GraphQLRequest, type OperationContext } from "urql";
import { fromValue, never } from "wonka";
import type { Permission } from "@/gql/graphql";
import { ViewerProvider, type Viewer } from "@/lib/auth/viewer";
import { I18nProvider } from "@/lib/i18n/I18nProvider";

/** What a mutation answers: data, or an error. */
export interface Answer {
  data?: unknown;
  error?: CombinedError;
}

/** Fixtures: query data by operation name, mutation handlers by operation name. */
export interface MockApi {
  queries?: Record<string, (variables: Record<string, unknown>) => unknown>;
  mutations?: Record<string, (variables: Record<string, unknown>) => Answer | Promise<Answer>>;
}

/** A mutation the component sent. */
export interface SentMutation {
  name: string;
  variables: Record<string, unknown>;
}

function operationName(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind === "OperationDefinition" && definition.name) {
      return definition.name.value;
    }
  }
  throw new Error("an operation without a name");
}

const context = { url: "/graphql", requestPolicy: "cache-first" } as OperationContext;

/** The client, and the list its mutations are recorded in. */
export function mockClient(api: MockApi): { client: Client; sent: SentMutation[] } {
  const sent: SentMutation[] = [];
  const client = {
    suspense: false,
    executeQuery(request: GraphQLRequest) {
      const answer = api.queries?.[operationName(request.query)];
      if (!answer) {
        return never;
      }
      const variables = (request.variables ?? {}) as Record<string, unknown>;
      return fromValue({ operation: makeOperation("query", request, context), data: answer(variables), stale: false, hasNext: false });
    },
    mutation(document: DocumentNode, variables: Record<string, unknown>) {
      const name = operationName(document);
      sent.push({ name, variables });
      const handler = api.mutations?.[name];
      return {
        toPromise: async () => (handler ? await handler(variables) : { error: new CombinedError({ networkError: new Error(`no handler for ${name}`) }) }),
      };
    },
  } as unknown as Client;
  return { client, sent };
}

/** A `BAD_USER_INPUT` answer naming input paths, as the API sends it. */
export function badUserInput(fields: Record<string, string>): Answer {
  return {
    error: new CombinedError({
      graphQLErrors: [
        {
          message: "invalid input",
          extensions: { code: "BAD_USER_INPUT", fields: Object.entries(fields).map(([path, message]) => ({ path, message })) },
        },
      ],
    }),
  };
}

/** An answer with one error `code` and no field paths. */
export function apiError(code: string): Answer {
  return { error: new CombinedError({ graphQLErrors: [{ message: code.toLowerCase(), extensions: { code } }] }) };
}

/** A signed-in user with these permissions. */
export function viewerWith(permissions: Permission[]): Viewer {
  return { id: "u-1", email: "manager@klang.local", displayName: "ผู้จัดการ", roles: ["MANAGER"], permissions } as unknown as Viewer;
}

/** Renders `ui` in Thai with `client`, inside a viewer when one is given. */
export function renderWithApi(ui: ReactNode, client: Client, viewer?: Viewer) {
  return render(
    <I18nProvider initialLocale="th">
      <Provider value={client}>{viewer ? <ViewerProvider viewer={viewer}>{ui}</ViewerProvider> : ui}</Provider>
    </I18nProvider>,
  );
}

/** Two active warehouses and one closed one, as `Warehouses` answers. */
export const warehouses = [
  { __typename: "Warehouse", id: "w-bkk", code: "BKK-BANGNA", nameTh: "คลังสินค้าบางนา", nameEn: "Bangna", isActive: true },
  { __typename: "Warehouse", id: "w-cnx", code: "CNX-HANGDONG", nameTh: "คลังสินค้าเชียงใหม่", nameEn: "Chiang Mai", isActive: true },
  { __typename: "Warehouse", id: "w-old", code: "OLD-CLOSED", nameTh: "คลังเก่า", nameEn: "Old", isActive: false },
];

/** Two products, as the product picker's `ProductPicker` query answers. */
export const products = [
  { __typename: "Product", id: "p-rice", sku: "RICE-JAS-1KG", nameTh: "ข้าวหอมมะลิ 1 กก.", nameEn: "Jasmine rice 1 kg", unit: "ถุง" },
  { __typename: "Product", id: "p-fish", sku: "FISH-SAUCE-700", nameTh: "น้ำปลาแท้ 700 มล.", nameEn: "Fish sauce 700 ml", unit: "ขวด" },
];

/** The queries every stock form needs: warehouses and the product picker. */
export const pickerQueries: NonNullable<MockApi["queries"]> = {
  Warehouses: () => ({ warehouses }),
  ProductPicker: () => ({ products: { __typename: "ProductConnection", nodes: products } }),
};
