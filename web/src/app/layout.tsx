/**
 * The root layout (a server component): reads the language cookie so the first HTML is already in the user's
 * language, loads the bundled fonts, and puts the client-side providers (language, session) around every page.
 */
import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { AuthProvider } from "@/lib/auth/AuthProvider";
import { I18nProvider } from "@/lib/i18n/I18nProvider";
import { LOCALE_COOKIE, parseLocale } from "@/lib/i18n/locale";
import { sarabunLatin, sarabunThai } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: "Klang คลัง",
  description: "ระบบจัดการคลังสินค้า Klang",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Wraps every page. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return (
    <html lang={locale} className={`${sarabunLatin.variable} ${sarabunThai.variable}`}>
      <body>
        <I18nProvider initialLocale={locale}>
          <AuthProvider>{children}</AuthProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
