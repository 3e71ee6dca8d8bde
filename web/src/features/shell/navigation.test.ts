import { describe, expect, it } from "vitest";
import { isCurrent, NAV_ITEMS, visibleNavItems } from "./navigation";

describe("navigation", () => {
  it("shows a viewer no user admin or usage history", () => {
    expect(visibleNavItems([]).map((item) => item.href)).toEqual(["/", "/products", "/inventory", "/inventory/transfers", "/inventory/counts", "/profile"]);
  });

  it("shows an admin everything", () => {
    expect(visibleNavItems(["USER_READ", "AUDIT_READ", "WEBHOOK_MANAGE"])).toHaveLength(NAV_ITEMS.length);
  });

  it("shows webhooks only with webhook:manage (a manager has user:read and audit:read, not this)", () => {
    expect(visibleNavItems(["USER_READ", "AUDIT_READ"]).map((item) => item.href)).not.toContain("/webhooks");
    expect(visibleNavItems(["WEBHOOK_MANAGE"]).map((item) => item.href)).toContain("/webhooks");
  });

  it("marks the most specific entry current", () => {
    expect(isCurrent("/inventory", "/inventory", NAV_ITEMS)).toBe(true);
    expect(isCurrent("/products", "/products/abc/edit", NAV_ITEMS)).toBe(true);
    expect(isCurrent("/", "/products", NAV_ITEMS)).toBe(false);
    expect(isCurrent("/inventory/counts", "/inventory/counts/abc", NAV_ITEMS)).toBe(true);
    expect(isCurrent("/inventory", "/inventory/counts/abc", NAV_ITEMS)).toBe(false);
  });
});
