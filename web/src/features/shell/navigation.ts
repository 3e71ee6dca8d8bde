/** The main navigation, each entry with the permission it needs (none: every signed-in user). */
import type { Permission } from "@/gql/graphql";
import type { Messages } from "@/lib/i18n/messages/th";

/** One navigation entry. */
export interface NavItem {
  href: string;
  label: keyof Messages["nav"];
  permission?: Permission;
}

/** In display order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "dashboard" },
  { href: "/products", label: "products" },
  { href: "/inventory", label: "inventory" },
  { href: "/inventory/transfers", label: "transfers" },
  { href: "/inventory/counts", label: "counts" },
  { href: "/users", label: "users", permission: "USER_READ" },
  { href: "/history", label: "history", permission: "AUDIT_READ" },
  { href: "/webhooks", label: "webhooks", permission: "WEBHOOK_MANAGE" },
  { href: "/profile", label: "profile" },
];

/** The entries `permissions` allow. */
export function visibleNavItems(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || permissions.includes(item.permission));
}

/** Whether `href` is the current page's entry (the most specific entry matching `pathname`). */
export function isCurrent(href: string, pathname: string, items: readonly NavItem[]): boolean {
  const matches = items.filter((item) => item.href === pathname || (item.href !== "/" && pathname.startsWith(`${item.href}/`)));
  const best = matches.sort((a, b) => b.href.length - a.href.length)[0];
  return best?.href === href;
}
