"use client";
/**
 * Provides the UI language, its messages and formatters. Switching writes the `klang_locale` cookie so the next
 * server render (a reload, a new tab) starts in the same language.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { createFormatters, type Formatters } from "./format";
import { LOCALE_COOKIE, type Locale } from "./locale";
import { en } from "./messages/en";
import { th, type Messages } from "./messages/th";

const catalogs: Record<Locale, Messages> = { th, en };

interface I18nValue {
  locale: Locale;
  messages: Messages;
  format: Formatters;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Wraps the app with the language chosen on the server (from the cookie). */
export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo(
    () => ({ locale, messages: catalogs[locale], format: createFormatters(locale), setLocale }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, messages, formatters and the switch. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (value === null) {
    throw new Error("useI18n outside I18nProvider");
  }
  return value;
}
