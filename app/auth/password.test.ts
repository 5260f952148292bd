import { describe, expect, it } from "vitest";
import { hashPassword, isCommonPassword, verifyPassword } from "./password.server";

describe("passwords", () => {
  it("are hashed with argon2id and verified", async () => {
    const hash = await hashPassword("учительская фраза");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "учительская фраза")).toBe(true);
    expect(await verifyPassword(hash, "другая фраза")).toBe(false);
  });

  it("refuses the passwords crackers try first, in any case", () => {
    expect(isCommonPassword("1234567890")).toBe(true);
    expect(isCommonPassword("QWERTYUIOP")).toBe(true);
    expect(isCommonPassword("йцукенгшщз")).toBe(true);
    expect(isCommonPassword("aaaaaaaaaaaa")).toBe(true);
    expect(isCommonPassword("синий трактор едет в школу")).toBe(false);
  });

  it("treats a broken hash as a wrong password", async () => {
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });
});
