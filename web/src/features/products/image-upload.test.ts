import type { Client } from "urql";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/graphql/errors";
import { checkImageFile, ImageFileError, MAX_IMAGE_BYTES, uploadProductImage, UploadFailedError } from "./image-upload";

const ticket = {
  key: "products/p1/abc.png",
  uploadUrl: "http://127.0.0.1:19000/bucket/products/p1/abc.png?X-Amz-Signature=s",
  method: "PUT",
  headers: [{ name: "content-type", value: "image/png" }, { name: "x-amz-meta-product", value: "p1" }],
  expiresAt: "2026-11-25T13:00:00Z",
  maxBytes: MAX_IMAGE_BYTES,
};

/** A client whose mutations answer from `answers` by operation name, recording the variables. */
function fakeClient(answers: Record<string, unknown>) {
  const calls: { name: string; variables: unknown }[] = [];
  const client = {
    mutation: (document: { definitions: { name?: { value: string } }[] }, variables: unknown) => {
      const name = document.definitions[0]?.name?.value ?? "";
      calls.push({ name, variables });
      return { toPromise: () => Promise.resolve({ data: answers[name] }) };
    },
  } as unknown as Client;
  return { client, calls };
}

const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" });

describe("checkImageFile", () => {
  it("accepts JPEG, PNG and WebP up to 5 MiB", () => {
    expect(checkImageFile({ type: "image/webp", size: MAX_IMAGE_BYTES })).toBeNull();
    expect(checkImageFile({ type: "image/gif", size: 10 })).toEqual({ kind: "wrongType" });
    expect(checkImageFile({ type: "image/jpeg", size: MAX_IMAGE_BYTES + 1 })).toEqual({ kind: "tooLarge", maxBytes: MAX_IMAGE_BYTES });
  });
});

describe("uploadProductImage", () => {
  it("puts the file with exactly the signed headers, then attaches the key", async () => {
    const { client, calls } = fakeClient({ RequestProductImageUpload: { requestProductImageUpload: ticket }, AttachProductImage: { attachProductImage: { id: "p1", images: [] } } });
    const fetchImpl = vi.fn(() => Promise.resolve(new Response(null, { status: 200 })));
    await uploadProductImage(client, { productId: "p1", file: png, altText: "ด้านหน้า" }, fetchImpl);
    expect(calls[0]).toEqual({ name: "RequestProductImageUpload", variables: { input: { productId: "p1", contentType: "image/png", byteSize: 4 } } });
    expect(fetchImpl).toHaveBeenCalledWith(ticket.uploadUrl, {
      method: "PUT",
      headers: [["content-type", "image/png"], ["x-amz-meta-product", "p1"]],
      body: png,
    });
    expect(calls[1]).toEqual({ name: "AttachProductImage", variables: { input: { productId: "p1", key: ticket.key, altText: "ด้านหน้า" } } });
  });

  it("asks nothing for a file of the wrong type", async () => {
    const { client, calls } = fakeClient({});
    const gif = new Blob(["GIF89a"], { type: "image/gif" });
    await expect(uploadProductImage(client, { productId: "p1", file: gif, altText: null })).rejects.toBeInstanceOf(ImageFileError);
    expect(calls).toEqual([]);
  });

  it("does not attach when the store refuses the upload or cannot be reached", async () => {
    const { client, calls } = fakeClient({ RequestProductImageUpload: { requestProductImageUpload: ticket } });
    await expect(uploadProductImage(client, { productId: "p1", file: png, altText: null }, () => Promise.resolve(new Response(null, { status: 403 })))).rejects.toEqual(new UploadFailedError(403));
    await expect(uploadProductImage(client, { productId: "p1", file: png, altText: null }, () => Promise.reject(new TypeError("Failed to fetch")))).rejects.toBeInstanceOf(ApiError);
    expect(calls.map((call) => call.name)).toEqual(["RequestProductImageUpload", "RequestProductImageUpload"]);
  });
});
