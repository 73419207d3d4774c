// Generators shared by the property tests of untrusted text.
import fc from "fast-check";

/** Random text, random code units, or a run of `pieces` (markup that breaks more often than chance). */
export function hostileString(pieces: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join("")),
  );
}
