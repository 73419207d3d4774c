import { codes } from "micromark-util-symbol";
import type { Code, Construct, Effects, State } from "micromark-util-types";
import { closerOf, isDelimiter, type Closer } from "./characters.js";
import { factorySequence } from "./factory-sequence.js";

/**
 * `{{<` or `{{%`, into whatever token the caller has open; then `next` is told which closing
 * delimiter (`>` or `%`) the tag must end with.
 */
export function factoryOpening(effects: Effects, next: (closer: Closer) => State, nok: State): State {
  return factorySequence(effects, [codes.leftCurlyBrace, codes.leftCurlyBrace], delimiter, nok);

  function delimiter(code: Code): State | undefined {
    if (!isDelimiter(code)) return nok(code);
    effects.consume(code);
    return next(closerOf(code));
  }
}

/**
 * `{{<` or `{{%` ahead. A tag never holds the start of another one outside its quoted and raw
 * values: text with many unfinished tags is then read in linear time, each attempt ending at the
 * next opener instead of at the end of the paragraph.
 */
export const openerAhead: Construct = { partial: true, tokenize: tokenizeOpenerAhead };

function tokenizeOpenerAhead(effects: Effects, ok: State, nok: State): State {
  return factoryOpening(effects, () => ok, nok);
}
