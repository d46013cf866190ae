import { describe, expect, it } from "vitest";
import { UsageError } from "../core/index.js";
import { describeStoreTarget, resolveStoreUrl } from "./open-store-database.js";
import { describePostgresUrl } from "./postgres-connection.js";

describe("choosing the store", () => {
  it("takes JIG_STORE_URL over store.url, and neither means the SQLite file", () => {
    expect(resolveStoreUrl("postgres://a/x", { JIG_STORE_URL: "postgres://b/y" })).toBe(
      "postgres://b/y",
    );
    expect(resolveStoreUrl("postgres://a/x", {})).toBe("postgres://a/x");
    expect(resolveStoreUrl("postgres://a/x", { JIG_STORE_URL: " " })).toBe("postgres://a/x");
    expect(resolveStoreUrl(undefined, {})).toBeUndefined();
  });

  it("names a store without its password", () => {
    expect(describeStoreTarget({ path: "/r/.jig/jig.db" })).toBe("/r/.jig/jig.db");
    expect(describeStoreTarget({ path: "x", url: "postgres://jig:s3cret@db:5432/jig" })).toBe(
      "postgres://jig@db:5432/jig",
    );
    expect(describePostgresUrl("postgresql://jig:s3cret@db:5432/jig")).toBe("jig@db:5432/jig");
    expect(() => describePostgresUrl("https://db/jig")).toThrow(UsageError);
    expect(() => describePostgresUrl("not a url")).toThrow(/is not a Postgres URL/);
  });
});
