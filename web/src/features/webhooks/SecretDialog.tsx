"use client";
/**
 * The signing secret of a subscriber, shown once (after creating it or rotating its secret) in a modal dialog with a
 * copy button and a warning that it will not be shown again. A native `<dialog>`: the browser keeps focus inside it
 * and Escape closes it.
 */
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "@/lib/i18n/I18nProvider";

/** What the dialog shows: the secret and the sentence introducing it. */
export interface ShownSecret {
  secret: string;
  intro: string;
}

/** The dialog; `onClose` runs when it closes (button or Escape), after which the secret is gone from the page. */
export function SecretDialog({ shown, onClose }: { shown: ShownSecret; onClose: () => void }) {
  const { messages } = useI18n();
  const w = messages.webhooks;
  const dialog = useRef<HTMLDialogElement>(null);
  const secretField = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  const titleId = useId();
  const warningId = useId();
  const inputId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) {
      return;
    }
    if (typeof element.showModal === "function" && !element.open) {
      element.showModal();
    } else {
      element.setAttribute("open", "");
    }
    secretField.current?.select();
    return () => {
      if (typeof element.close === "function" && element.open) {
        element.close();
      }
    };
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopyState("copied");
    } catch {
      secretField.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} aria-describedby={warningId} onClose={onClose} onCancel={(event) => { event.preventDefault(); onClose(); }}>
      <h2 id={titleId}>{w.secretTitle}</h2>
      <p>{shown.intro}</p>
      <p id={warningId} className="notice error" role="alert">{w.secretWarning}</p>
      <div className="field">
        <label htmlFor={inputId}>{w.secretLabel}</label>
        <input id={inputId} ref={secretField} className="secret" readOnly value={shown.secret} onFocus={(event) => event.currentTarget.select()} />
      </div>
      <p className="field-hint" role="status">{copyState === "copied" ? w.copied : copyState === "failed" ? w.copyFailed : "\u00a0"}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void copy()}>{w.copy}</button>
        <button type="button" className="button secondary" onClick={onClose}>{w.close}</button>
      </div>
    </dialog>
  );
}
