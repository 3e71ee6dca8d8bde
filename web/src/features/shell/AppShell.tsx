"use client";
/**
 * The frame of every signed-in screen: sends signed-out visitors to sign-in, loads `me`, and shows the
 * navigation the user's permissions allow, the language switch and sign-out.
 */
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { useQuery } from "urql";
import { ErrorNotice } from "@/components/ErrorNotice";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { useAuth } from "@/lib/auth/AuthProvider";
import { MeQuery } from "@/lib/auth/operations";
import { ViewerProvider, type Viewer } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { isCurrent, visibleNavItems } from "./navigation";

/** Guards and frames the signed-in part of the app. */
export function AppShell({ children }: { children: ReactNode }) {
  const { session, client, retry } = useAuth();
  const { messages } = useI18n();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (session.status === "signed-out") {
      router.replace(pathname === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(pathname)}`);
    }
  }, [session.status, router, pathname]);

  if (session.status === "unreachable") {
    return (
      <div className="center-page">
        <div className="card" role="alert">
          <p>{messages.app.unreachable}</p>
          <button type="button" className="button" onClick={retry}>{messages.app.retry}</button>
        </div>
      </div>
    );
  }
  if (session.status !== "signed-in" || client === null) {
    return (
      <div className="center-page">
        <p role="status">{messages.app.checkingSession}</p>
      </div>
    );
  }
  return <SignedInShell>{children}</SignedInShell>;
}

function SignedInShell({ children }: { children: ReactNode }) {
  const { messages } = useI18n();
  const [{ data, error }] = useQuery({ query: MeQuery });
  return (
    <div className="shell">
      <a className="skip-link" href="#main">{messages.app.skipToContent}</a>
      <header className="sidebar">
        <Link href="/" className="brand">
          {messages.app.name}
          <small>{messages.app.tagline}</small>
        </Link>
        <Navigation viewer={data?.me ?? null} />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <ErrorNotice error={error} />
        {data ? <ViewerProvider viewer={data.me}>{children}</ViewerProvider> : <p role="status">{messages.app.loading}</p>}
      </main>
    </div>
  );
}

/**
 * The menu and the footer. Both are drawn while `me` loads (the menu empty, the footer without the name) and
 * have fixed heights on narrow screens, where they sit above the page: the page does not move when they fill in.
 */
function Navigation({ viewer }: { viewer: Viewer | null }) {
  const { messages } = useI18n();
  const { signOut } = useAuth();
  const pathname = usePathname();
  const items = viewer ? visibleNavItems(viewer.permissions) : [];
  return (
    <>
      <nav aria-label={messages.app.mainNavigation}>
        <ul className="nav" aria-busy={viewer === null}>
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={isCurrent(item.href, pathname, items) ? "page" : undefined}>
                {messages.nav[item.label]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <span className="signed-in-as">{viewer ? messages.app.signedInAs(viewer.displayName) : null}</span>
        <LanguageSwitch />
        <button type="button" className="button" onClick={() => void signOut()}>{messages.app.signOut}</button>
      </div>
    </>
  );
}
