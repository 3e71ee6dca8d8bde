import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CombinedError, Provider, type Client } from "urql";
import { never } from "wonka";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n/I18nProvider";
import { ProductForm } from "./ProductForm";

function clientAnswering(error: CombinedError) {
  const mutation = vi.fn(() => ({ toPromise: async () => ({ error, data: undefined }) }));
  const client = { executeQuery: () => never, suspense: false, mutation } as unknown as Client;
  return { client, mutation };
}

function renderForm(client: Client) {
  return render(
    <I18nProvider initialLocale="th">
      <Provider value={client}>
        <ProductForm onSaved={vi.fn()} onCancel={vi.fn()} />
      </Provider>
    </I18nProvider>,
  );
}

describe("ProductForm", () => {
  it("shows the API's field errors under their fields", async () => {
    const { client, mutation } = clientAnswering(
      new CombinedError({
        graphQLErrors: [{ message: "conflict", extensions: { code: "CONFLICT", fields: [{ path: "input.sku", message: "this SKU is taken" }] } }],
      }),
    );
    renderForm(client);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("SKU"), "FS-1");
    await user.type(screen.getByLabelText("ชื่อ (ไทย)"), "น้ำปลาแท้");
    await user.type(screen.getByLabelText("หน่วยนับ"), "ขวด");
    await user.type(screen.getByLabelText("ราคาขาย (บาท)"), "45.50");
    await user.click(screen.getByRole("button", { name: "บันทึก" }));

    expect(mutation).toHaveBeenCalledTimes(1);
    const sku = screen.getByLabelText("SKU");
    expect(sku.getAttribute("aria-invalid")).toBe("true");
    expect(await screen.findByText("ไม่ถูกต้อง: this SKU is taken")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("ข้อมูลขัดแย้ง");
  });

  it("checks required fields before calling the API", async () => {
    const { client, mutation } = clientAnswering(new CombinedError({ graphQLErrors: [] }));
    renderForm(client);
    await userEvent.setup().click(screen.getByRole("button", { name: "บันทึก" }));
    expect(mutation).not.toHaveBeenCalled();
    expect(screen.getAllByText("ต้องกรอกช่องนี้")).toHaveLength(4);
  });
});
