/**
 * Number, money and date formatting through `Intl`: Thai numbers and Buddhist-era dates (พ.ศ.) in Thai,
 * Gregorian dates in English, always in Bangkok time so server and browser render the same text.
 */
import type { Locale } from "./locale";

const TIME_ZONE = "Asia/Bangkok";

function tag(locale: Locale): string {
  return locale === "th" ? "th-TH-u-ca-buddhist" : "en-GB";
}

/** Formatters bound to one locale. */
export interface Formatters {
  number: (value: number) => string;
  /** A difference, with its sign (`+3`, `-2`, `0`). */
  signed: (value: number) => string;
  /** A `Decimal` amount of baht as the API sends it (`"1234.50"`). */
  baht: (amount: string) => string;
  /** An RFC 3339 instant, date and time. */
  dateTime: (iso: string) => string;
  /** A calendar day (`"2026-11-25"`), short form for chart labels. */
  day: (isoDate: string) => string;
}

/** Creates the formatters of `locale`. */
export function createFormatters(locale: Locale): Formatters {
  const numbers = new Intl.NumberFormat(tag(locale));
  const differences = new Intl.NumberFormat(tag(locale), { signDisplay: "exceptZero" });
  const money = new Intl.NumberFormat(tag(locale), { style: "currency", currency: "THB", minimumFractionDigits: 2 });
  const dateTimes = new Intl.DateTimeFormat(tag(locale), { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
  const days = new Intl.DateTimeFormat(tag(locale), { day: "numeric", month: "short", timeZone: "UTC" });
  return {
    number: (value) => numbers.format(value),
    signed: (value) => differences.format(value),
    baht: (amount) => money.format(Number(amount)),
    dateTime: (iso) => dateTimes.format(new Date(iso)),
    day: (isoDate) => days.format(new Date(`${isoDate}T00:00:00Z`)),
  };
}
