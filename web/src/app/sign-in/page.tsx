/** `/sign-in`. */
import { Suspense } from "react";
import { SignInForm } from "@/features/auth/SignInForm";

/** The sign-in page; the form reads `?next=` so it sits in a Suspense boundary. */
export default function SignInPage() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
