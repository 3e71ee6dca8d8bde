/** The event types a subscription can name (`KNOWN_EVENT_TYPES` in the service's `src/webhooks/model.rs`). */

/** The domains, each with its prefix and its exact event types, in the order the form lists them. */
export const EVENT_GROUPS = [
  {
    prefix: "klang.inventory.*",
    types: [
      "klang.inventory.stock_changed.v1",
      "klang.inventory.low_stock.v1",
      "klang.inventory.transfer_updated.v1",
      "klang.inventory.count_updated.v1",
      "klang.inventory.warehouse_changed.v1",
      "klang.inventory.bin_changed.v1",
    ],
  },
  {
    prefix: "klang.products.*",
    types: [
      "klang.products.product_created.v1",
      "klang.products.product_updated.v1",
      "klang.products.product_archived.v1",
      "klang.products.category_changed.v1",
    ],
  },
  {
    prefix: "klang.users.*",
    types: [
      "klang.users.user_created.v1",
      "klang.users.user_updated.v1",
      "klang.users.roles_assigned.v1",
      "klang.users.user_deactivated.v1",
      "klang.users.session_revoked.v1",
    ],
  },
] as const;

/** Every exact type and every prefix the form offers as a checkbox (`*` is everything). */
export const LISTED_EVENT_TYPES: readonly string[] = ["*", ...EVENT_GROUPS.flatMap((group) => [group.prefix, ...group.types])];

/**
 * The event types a form asks for: its checked boxes (`eventTypes`) then the extra ones typed into `extraEventTypes`
 * (separated by commas, spaces or new lines), without repeats, in that order (the API's error paths index this list).
 */
export function chosenEventTypes(form: FormData): string[] {
  const checked = form.getAll("eventTypes").map(String);
  const extra = String(form.get("extraEventTypes") ?? "").split(/[\s,]+/).filter(Boolean);
  return [...new Set([...checked, ...extra])];
}

/** The types of a subscription not offered as a checkbox (shown in the extra field when editing). */
export function unlistedEventTypes(eventTypes: readonly string[]): string[] {
  return eventTypes.filter((type) => !LISTED_EVENT_TYPES.includes(type));
}
