/** Warehouses, shared by every screen with a warehouse picker. */
import { useQuery } from "urql";
import { graphql } from "@/gql";

/** Every warehouse, by code. */
export const WarehousesQuery = graphql(`
  query Warehouses {
    warehouses {
      id
      code
      nameTh
      nameEn
      isActive
    }
  }
`);

/** The warehouses (empty while loading). */
export function useWarehouses() {
  const [{ data, error }] = useQuery({ query: WarehousesQuery, requestPolicy: "cache-first" });
  return { warehouses: data?.warehouses ?? [], error };
}
