/** Picks the English name in English when there is one; Thai otherwise (Thai names are always present). */
import type { Locale } from "./locale";

/** Anything with a Thai and an optional English name. */
export interface Named {
  nameTh: string;
  nameEn?: string | null;
}

/** The name to show in `locale`. */
export function localName(locale: Locale, named: Named): string {
  return locale === "en" && named.nameEn ? named.nameEn : named.nameTh;
}
