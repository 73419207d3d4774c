import assert from "node:assert/strict";
import { deserialize, serialize } from "node:v8";
import fc from "fast-check";
import { HtmlWriter, oneChunkFragment, type HtmlFragment } from "../../shortcodes/html-writer.js";
import { packFragments, packLists, unpackFragments, writeText } from "../../shortcodes/packed-fragments.js";

/** A fragment as the writer makes one: headings with and without ids, links, text. */
const fragmentOf = (parts: readonly { heading?: string; id?: string; link?: string; text: string }[]): HtmlFragment => {
  const out = new HtmlWriter().open("div");
  for (const part of parts) {
    if (part.heading !== undefined) out.heading("h3", part.id === undefined ? {} : { id: part.id }, part.heading);
    if (part.link !== undefined) out.element("a", { href: `#${part.link}` }, part.text);
    else out.text(part.text);
  }
  return out.close("div").keep();
};

const part = fc.record(
  { heading: fc.string(), id: fc.string({ minLength: 1 }), link: fc.string(), text: fc.string({ unit: "binary" }) },
  { requiredKeys: ["text"] },
);

describe("packed fragments", () => {
  it("give back every fragment as it was, through v8's serializer", () => {
    fc.assert(
      fc.property(fc.array(fc.array(part, { maxLength: 6 }), { maxLength: 20 }), (cards) => {
        const fragments = cards.map(fragmentOf);
        const fragment = unpackFragments(deserialize(serialize(packFragments(fragments))));
        assert.ok(fragment);
        fragments.forEach((expected, index) => assert.deepEqual(fragment(index), expected));
        assert.equal(fragment(fragments.length), undefined);
      }),
      { numRuns: 200 },
    );
  });

  it("keep text UTF-8 cannot hold (half a surrogate pair) as it is, and the rest as UTF-8", () => {
    // The writer writes half a pair as a reference; a fragment may hold one all the same.
    const lone = oneChunkFragment("<p>a\uD800b</p>");
    const plain = fragmentOf([{ text: "Zoë 🎉 名前" }]);
    const packed = packFragments([lone, plain]);
    assert.deepEqual(unpackFragments(packed)?.(0), lone);
    assert.deepEqual(unpackFragments(packed)?.(1), plain);
    const html = plain.chunks.join("");
    assert.ok(Buffer.from(packed.text).includes(Buffer.from(html, "utf8")), "the plain card's bytes are its UTF-8");
    assert.deepEqual(
      [...packed.wide].slice(-plain.chunks.length),
      plain.chunks.map(() => 0),
    );
    assert.ok(packed.wide.includes(1), "the chunk with half a pair is UTF-16");
  });

  it("write the text of many cards, and of a card longer than a piece, in pieces that join into the whole", () => {
    // The text is handed to the file a megabyte at a time: cards cross the pieces' edges.
    const cards = Array.from({ length: 3_000 }, (_, i) => fragmentOf([{ heading: `Ann ${i}`, text: `${"é".repeat(i % 500)} ${i}` }]));
    const long = fragmentOf([{ text: "x".repeat(1_500_000) }]);
    const fragments = [...cards.slice(0, 1_000), long, ...cards.slice(1_000)];
    const { lists, chunks } = packLists(fragments);
    const pieces: Buffer[] = [];
    writeText(chunks, lists, (bytes) => pieces.push(Buffer.from(bytes)));
    assert.ok(pieces.length > 3, `${pieces.length} pieces`);
    assert.deepEqual(
      pieces.filter((piece) => piece.length > 1 << 20).map((piece) => piece.length),
      [long.chunks[0]?.length],
      "no piece above a megabyte but the long card's own",
    );
    const fragment = unpackFragments({ ...lists, text: Buffer.concat(pieces) });
    assert.ok(fragment);
    fragments.forEach((expected, index) => assert.deepEqual(fragment(index), expected, `fragment ${index}`));
  });

  it("refuse lists that do not add up, and a fragment whose holes are not between its chunks", () => {
    const packed = packFragments([fragmentOf([{ heading: "Ada", text: "x" }]), fragmentOf([{ text: "y" }])]);
    assert.equal(unpackFragments({ ...packed, ends: packed.ends.subarray(1), wide: packed.wide.subarray(1) }), undefined);
    assert.equal(unpackFragments({ ...packed, wide: packed.wide.subarray(1) }), undefined);
    assert.equal(unpackFragments({ ...packed, ends: packed.ends.map((end) => end + 1) }), undefined, "past the text");
    assert.equal(unpackFragments({ ...packed, ends: packed.ends.slice().reverse() }), undefined, "ends going back");
    assert.equal(unpackFragments({ ...packed, wide: packed.wide.map(() => 2) }), undefined);
    assert.equal(unpackFragments({ ...packed, text: Array.from(packed.text) }), undefined);
    assert.equal(unpackFragments({ ...packed, strings: [...packed.strings, "extra"] }), undefined);
    assert.equal(unpackFragments({ ...packed, shape: packed.shape.subarray(1) }), undefined);
    assert.equal(unpackFragments({ ...packed, holes: [1] }), undefined);
    assert.equal(unpackFragments(null), undefined);
    const holes = Uint32Array.from(packed.holes);
    holes[0] = 0;
    const fragment = unpackFragments({ ...packed, holes });
    assert.equal(fragment?.(0), undefined, "a hole before the first chunk");
    assert.deepEqual(fragment?.(1), fragmentOf([{ text: "y" }]));
  });
});
