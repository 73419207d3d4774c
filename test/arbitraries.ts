// Generators shared by the property tests of untrusted text.
import fc from "fast-check";

/**
 * The seed of a property test that explores widely: fixed, so that a run of the suite (and its
 * coverage) is the same every time; `FC_SEED=<number>` explores other cases, and a failure
 * prints the seed and path that reproduce it.
 */
export function propertySeed(): number {
  const given = Number(process.env.FC_SEED);
  return Number.isInteger(given) ? given : 20261201;
}

/** Random text, random code units, or a run of `pieces` (markup that breaks more often than chance). */
export function hostileString(pieces: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join("")),
  );
}
