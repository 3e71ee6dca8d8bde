"use client";
/** Switches the UI between Thai and English. */
import { useI18n } from "@/lib/i18n/I18nProvider";

/** One button naming the other language, in that language. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { locale, messages, setLocale } = useI18n();
  const target = locale === "th" ? "en" : "th";
  return (
    <button
      type="button"
      className={`button secondary ${className ?? ""}`}
      lang={target}
      onClick={() => setLocale(target)}
    >
      {target === "en" ? messages.app.switchToEnglish : messages.app.switchToThai}
    </button>
  );
}
