"use client";
/**
 * The sign-in screen. A visitor whose refresh cookie is still good never sees it: the session check signs them
 * in and this page forwards them. After a session ended (expired or revoked) it says so.
 */
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useAuth } from "@/lib/auth/AuthProvider";
import { ApiError } from "@/lib/graphql/errors";
import { useI18n } from "@/lib/i18n/I18nProvider";

/** Only paths of this app: `//host` or `https://…` would send the user elsewhere. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** The form, its errors and the redirect once signed in. */
export function SignInForm() {
  const { messages } = useI18n();
  const { session, signIn } = useAuth();
  const router = useRouter();
  const next = safeNextPath(useSearchParams().get("next"));
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (session.status === "signed-in") {
      router.replace(next);
    }
  }, [session.status, router, next]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSubmitting(true);
    setError(null);
    try {
      await signIn(String(form.get("email")), String(form.get("password")));
    } catch (caught) {
      setError(describe(caught));
      setSubmitting(false);
    }
  }

  function describe(caught: unknown): string {
    if (!(caught instanceof ApiError)) {
      return messages.errors.NETWORK;
    }
    if (caught.code === "UNAUTHENTICATED") {
      return messages.signIn.wrongCredentials;
    }
    if (caught.code === "RATE_LIMITED" && caught.retryAfterSeconds !== null) {
      return messages.signIn.rateLimited(caught.retryAfterSeconds);
    }
    return messages.errors[caught.code];
  }

  const ended = session.status === "signed-out" && session.reason === "session-ended";
  const signedOut = session.status === "signed-out" && session.reason === "signed-out";
  return (
    <div className="center-page">
      <main className="card">
        <div className="page-header">
          <h1>{messages.signIn.title}</h1>
          <LanguageSwitch />
        </div>
        <p>
          <strong>{messages.app.name}</strong> · {messages.app.tagline}
        </p>
        {ended ? <Notice kind="info">{messages.signIn.sessionEnded}</Notice> : null}
        {signedOut ? <Notice kind="info">{messages.signIn.signedOut}</Notice> : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form className="form" onSubmit={onSubmit} noValidate={false}>
          <TextField label={messages.signIn.email} name="email" type="email" autoComplete="username" required />
          <TextField label={messages.signIn.password} name="password" type="password" autoComplete="current-password" required />
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? messages.signIn.submitting : messages.signIn.submit}
          </button>
        </form>
      </main>
    </div>
  );
}
