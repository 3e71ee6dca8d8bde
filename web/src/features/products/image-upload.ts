/**
 * Product image upload in three steps: ask the API for a presigned `PUT` (`requestProductImageUpload`), send the
 * file there with exactly the signed headers, then `attachProductImage`, which checks the bytes. The browser
 * refuses a wrong type or an oversized file before any of it. An upload URL that starts with `/` (the API's
 * media folder) is on this origin: the Next.js server forwards `/media/*` to the API.
 */
import type { Client } from "urql";
import { ApiError } from "@/lib/graphql/errors";
import { executeMutation } from "@/lib/graphql/execute";
import { AttachProductImageMutation, RequestProductImageUploadMutation } from "./operations";

/** The media types the API accepts. */
export const IMAGE_TYPES: readonly string[] = ["image/jpeg", "image/png", "image/webp"];

/** The API's size limit (5 MiB); the upload ticket repeats it as `maxBytes`. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Why a file cannot be uploaded, found in the browser. */
export type ImageFileProblem = { kind: "wrongType" } | { kind: "tooLarge"; maxBytes: number };

/** A file refused in the browser. */
export class ImageFileError extends Error {
  readonly problem: ImageFileProblem;

  constructor(problem: ImageFileProblem) {
    super(problem.kind);
    this.name = "ImageFileError";
    this.problem = problem;
  }
}

/** The object store answered the `PUT` with an error status. */
export class UploadFailedError extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`upload answered ${status}`);
    this.name = "UploadFailedError";
    this.status = status;
  }
}

/** The problem with `file`, or `null` when it may be uploaded. */
export function checkImageFile(file: Pick<Blob, "type" | "size">, maxBytes = MAX_IMAGE_BYTES): ImageFileProblem | null {
  if (!IMAGE_TYPES.includes(file.type)) {
    return { kind: "wrongType" };
  }
  if (file.size > maxBytes) {
    return { kind: "tooLarge", maxBytes };
  }
  return null;
}

/** What to upload. */
export interface ImageUpload {
  productId: string;
  file: Blob;
  altText: string | null;
}

/**
 * Runs the three steps. Throws `ImageFileError` for a file refused in the browser, `UploadFailedError` when the
 * store refused the `PUT`, and `ApiError` for the API's answers (`NETWORK` when the store was unreachable).
 */
export async function uploadProductImage(client: Client, upload: ImageUpload, fetchImpl: typeof fetch = fetch): Promise<void> {
  const problem = checkImageFile(upload.file);
  if (problem) {
    throw new ImageFileError(problem);
  }
  const { productId, file, altText } = upload;
  const { requestProductImageUpload: ticket } = await executeMutation(client, RequestProductImageUploadMutation, {
    input: { productId, contentType: file.type, byteSize: file.size },
  });
  if (file.size > ticket.maxBytes) {
    throw new ImageFileError({ kind: "tooLarge", maxBytes: ticket.maxBytes });
  }
  let response: Response;
  try {
    response = await fetchImpl(ticket.uploadUrl, {
      method: ticket.method,
      headers: ticket.headers.map((header): [string, string] => [header.name, header.value]),
      body: file,
    });
  } catch (caught) {
    throw new ApiError("NETWORK", caught instanceof Error ? caught.message : "upload failed");
  }
  if (!response.ok) {
    throw new UploadFailedError(response.status);
  }
  await executeMutation(client, AttachProductImageMutation, { input: { productId, key: ticket.key, altText } });
}
