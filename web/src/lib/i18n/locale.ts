/** The languages of the UI: Thai first, English on request. */
export const LOCALES = ["th", "en"] as const;

/** A supported UI language. */
export type Locale = (typeof LOCALES)[number];

/** The cookie remembering the chosen language, read by the root layout so the first render is already right. */
export const LOCALE_COOKIE = "klang_locale";

/** Parses a cookie value; anything unknown falls back to Thai. */
export function parseLocale(value: string | undefined): Locale {
  return value === "en" ? "en" : "th";
}
