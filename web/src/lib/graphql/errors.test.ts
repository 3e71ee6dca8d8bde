import { CombinedError } from "urql";
import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";

describe("ApiError.from", () => {
  it("keeps the code and maps field paths", () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: "some fields are invalid",
          extensions: {
            code: "BAD_USER_INPUT",
            fields: [
              { path: "input.sku", message: "must be 1 to 64 characters" },
              { path: "input.price", message: "at most 2 decimal places" },
            ],
          },
        },
      ],
    });
    const apiError = ApiError.from(error);
    expect(apiError.code).toBe("BAD_USER_INPUT");
    expect(apiError.fieldMessages()).toEqual({ sku: "must be 1 to 64 characters", price: "at most 2 decimal places" });
  });

  it("reads retryAfterSeconds of RATE_LIMITED", () => {
    const error = new CombinedError({ graphQLErrors: [{ message: "too many", extensions: { code: "RATE_LIMITED", retryAfterSeconds: 42 } }] });
    expect(ApiError.from(error).retryAfterSeconds).toBe(42);
  });

  it("calls an unreachable server NETWORK", () => {
    expect(ApiError.from(new CombinedError({ networkError: new Error("offline") })).code).toBe("NETWORK");
  });
});
