/**
 * Sarabun from Fontsource, bundled at build time (nothing is fetched from a font CDN). Fontsource's Thai files
 * hold no Latin letters or digits, so the Latin and Thai subsets are two local fonts, each limited to its
 * unicode range; the page's font stack lists both.
 */
import localFont from "next/font/local";

/** Latin letters, digits and punctuation. */
export const sarabunLatin = localFont({
  src: [
    { path: "../../node_modules/@fontsource/sarabun/files/sarabun-latin-400-normal.woff2", weight: "400", style: "normal" },
    { path: "../../node_modules/@fontsource/sarabun/files/sarabun-latin-600-normal.woff2", weight: "600", style: "normal" },
    { path: "../../node_modules/@fontsource/sarabun/files/sarabun-latin-700-normal.woff2", weight: "700", style: "normal" },
  ],
  variable: "--font-latin",
  display: "swap",
  declarations: [{ prop: "unicode-range", value: "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD" }],
});

/** Thai script. */
export const sarabunThai = localFont({
  src: [
    { path: "../../node_modules/@fontsource/sarabun/files/sarabun-thai-400-normal.woff2", weight: "400", style: "normal" },
    { path: "../../node_modules/@fontsource/sarabun/files/sarabun-thai-600-normal.woff2", weight: "600", style: "normal" },
    { path: "../../node_modules/@fontsource/sarabun/files/sarabun-thai-700-normal.woff2", weight: "700", style: "normal" },
  ],
  variable: "--font-thai",
  display: "swap",
  adjustFontFallback: false,
  declarations: [{ prop: "unicode-range", value: "U+0E01-0E5B, U+200C-200D, U+25CC" }],
});
