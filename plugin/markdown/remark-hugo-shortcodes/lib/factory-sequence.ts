import type { Code, Effects, State } from "micromark-util-types";

/** Exactly the codes of `expected`, consumed into whatever token is open, then `ok`. */
export function factorySequence(effects: Effects, expected: readonly Code[], ok: State, nok: State): State {
  let index = 0;
  return step;

  function step(code: Code): State | undefined {
    if (code !== expected[index]) return nok(code);
    effects.consume(code);
    index++;
    return index === expected.length ? ok : step;
  }
}
