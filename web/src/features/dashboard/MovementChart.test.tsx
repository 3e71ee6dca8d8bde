import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "@/lib/i18n/I18nProvider";
import { layoutBars, MovementChart } from "./MovementChart";

const days = [
  { day: "2026-11-24", inbound: 10, outbound: 5 },
  { day: "2026-11-25", inbound: 0, outbound: 20 },
];

describe("MovementChart", () => {
  it("scales bars to the busiest day", () => {
    const { max, bars } = layoutBars(days);
    expect(max).toBe(20);
    expect(bars[1]!.outbound.height).toBeCloseTo(bars[0]!.inbound.height * 2);
    expect(bars[1]!.inbound.height).toBe(0);
  });

  it("gives the numbers as a table with Buddhist-era days in Thai", () => {
    render(
      <I18nProvider initialLocale="th">
        <MovementChart days={days} />
      </I18nProvider>,
    );
    expect(screen.getByRole("img", { name: "การเคลื่อนไหวของสต็อก 30 วันล่าสุด" })).toBeTruthy();
    const cells = screen.getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells).toContain("25 พ.ย.");
    expect(cells).toContain("20");
  });
});
