import type { Code, Effects, State, TokenType } from "micromark-util-types";
import { isNameInside, isNameStart } from "./characters.js";

/**
 * A shortcode or argument name, as one token of `type`: a letter, digit or `_`, then also `-`.
 */
export function factoryName(effects: Effects, ok: State, nok: State, type: TokenType): State {
  return start;

  function start(code: Code): State | undefined {
    if (!isNameStart(code)) return nok(code);
    effects.enter(type);
    effects.consume(code);
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (isNameInside(code)) {
      effects.consume(code);
      return inside;
    }
    effects.exit(type);
    return ok(code);
  }
}
