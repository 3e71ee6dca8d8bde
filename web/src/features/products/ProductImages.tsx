"use client";
/** A product's images; those who may edit products upload (JPEG/PNG/WebP ≤ 5 MiB) and remove them here. */
import Image from "next/image";
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { useErrorMessage } from "@/components/ErrorNotice";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { useCan } from "@/lib/auth/viewer";
import { ApiError } from "@/lib/graphql/errors";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { ImageFileError, IMAGE_TYPES, uploadProductImage, UploadFailedError, type ImageFileProblem } from "./image-upload";
import { RemoveProductImageMutation } from "./operations";

/** An image as the product query returns it. */
interface ProductImage {
  id: string;
  url: string;
  altText?: string | null;
  position: number;
}

interface ProductImagesProps {
  productId: string;
  /** The product's name in the current language, for images without a description. */
  productName: string;
  images: readonly ProductImage[];
}

/** The image section of the product detail and edit screens. */
export function ProductImages({ productId, productName, images }: ProductImagesProps) {
  const { messages } = useI18n();
  const m = messages.products;
  const client = useClient();
  const errorMessage = useErrorMessage();
  const canWrite = useCan("PRODUCT_WRITE");
  const [status, setStatus] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function remove(image: ProductImage) {
    if (!window.confirm(m.confirmRemoveImage)) {
      return;
    }
    setStatus(null);
    try {
      await executeMutation(client, RemoveProductImageMutation, { input: { productId, imageId: image.id } });
      setStatus({ kind: "success", text: m.imageRemoved });
    } catch (caught) {
      setStatus({ kind: "error", text: caught instanceof ApiError ? errorMessage(caught) : messages.errors.NETWORK });
    }
  }

  return (
    <section className="card" aria-labelledby="images-title">
      <h2 id="images-title">{m.images}</h2>
      {status ? <Notice kind={status.kind}>{status.text}</Notice> : null}
      {images.length === 0 ? <p className="empty">{m.noImages}</p> : (
        <ul className="images">
          {images.map((image) => (
            <li key={image.id}>
              <Image src={image.url} alt={image.altText || m.imageAlt(productName, image.position + 1)} width={160} height={160} unoptimized />
              {canWrite ? (
                <button type="button" className="link-button" onClick={() => void remove(image)}>{m.removeImage(image.position + 1)}</button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? <ImageUploadForm productId={productId} onUploaded={() => setStatus({ kind: "success", text: m.uploaded })} /> : null}
    </section>
  );
}

function ImageUploadForm({ productId, onUploaded }: { productId: string; onUploaded: () => void }) {
  const { messages, format } = useI18n();
  const m = messages.products;
  const client = useClient();
  const [uploading, setUploading] = useState(false);
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();

  const problemText = (problem: ImageFileProblem) =>
    problem.kind === "wrongType" ? m.imageWrongType : m.imageTooLarge(`${format.number(problem.maxBytes / (1024 * 1024))} MB`);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      showLocal({ file: messages.errors.required });
      return;
    }
    setUploading(true);
    try {
      await uploadProductImage(client, { productId, file, altText: String(form.get("altText") ?? "").trim() || null });
      formElement.reset();
      onUploaded();
    } catch (caught) {
      if (caught instanceof ImageFileError) {
        showLocal({ file: problemText(caught.problem) });
      } else if (caught instanceof UploadFailedError) {
        showLocal({ file: m.imageUploadFailed(caught.status) });
      } else {
        showApiError(caught);
      }
    } finally {
      setUploading(false);
    }
  }

  const fileError = fieldErrors.file ?? fieldErrors.contentType ?? fieldErrors.byteSize ?? fieldErrors.key;
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={m.upload}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <TextField label={m.imageFile} name="file" type="file" accept={IMAGE_TYPES.join(",")} required error={fileError} />
      <TextField label={`${m.altText} ${messages.common.optional}`} name="altText" error={fieldErrors.altText} />
      <div>
        <button type="submit" className="button" disabled={uploading}>{uploading ? m.uploading : m.upload}</button>
      </div>
    </form>
  );
}
