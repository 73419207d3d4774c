import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fc from "fast-check";
import { digest, listDigest } from "../../plugin/text/hash.js";

/** The hash as defined: each part, then a NUL before the next. */
function perPart(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  parts.forEach((part, index) => {
    if (index > 0) hash.update("\0");
    hash.update(part);
  });
  return hash.digest("hex");
}

describe("digest", () => {
  it("hashes text parts joined in one call to the same value as part by part (surrogates, NULs and emoji included)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 12 }), (parts) => {
        assert.equal(digest(parts), perPart(parts));
      }),
      { numRuns: 500 },
    );
  });

  it("hashes bytes among the parts part by part, and keeps parts apart", () => {
    const bytes = new TextEncoder().encode("c");
    assert.equal(digest(["ab", bytes]), perPart(["ab", bytes]));
    assert.notEqual(digest(["ab", "c"]), digest(["a", "bc"]));
    assert.equal(digest(["ab", "c"]), digest(["ab", bytes]));
  });
});

describe("listDigest", () => {
  it("tells apart lists whose items join to the same text, in another order, or with other lone surrogates", () => {
    assert.notEqual(listDigest(["ab", "c"]), listDigest(["a", "bc"]));
    assert.notEqual(listDigest(["1:a"]), listDigest(["1", "a"]));
    assert.notEqual(listDigest(["a", "b"]), listDigest(["b", "a"]));
    assert.notEqual(listDigest(["\uD800"]), listDigest(["\uDBFF"]));
    assert.notEqual(listDigest([]), listDigest([""]));
  });

  it("gives equal lists one digest, whatever batch an item falls in, and sees a change in any batch", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 3 }), { minLength: 1, maxLength: 9000 }), fc.nat(), (list, pick) => {
        assert.equal(listDigest(list), listDigest([...list]));
        const at = pick % list.length;
        const changed = [...list];
        changed[at] = `${list[at] ?? ""}x`;
        assert.notEqual(listDigest(changed), listDigest(list));
      }),
      { numRuns: 40 },
    );
  });
});
