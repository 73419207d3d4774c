import { types } from "micromark-util-symbol";
import type { Code, Effects, State } from "micromark-util-types";

/** One line ending, as its own token (mdast-util-from-markdown drops it inside our nodes), then `next`. */
export function factoryLineEnding(effects: Effects, next: State): State {
  return function lineEnding(code: Code): State | undefined {
    effects.enter(types.lineEnding);
    effects.consume(code);
    effects.exit(types.lineEnding);
    return next;
  };
}
