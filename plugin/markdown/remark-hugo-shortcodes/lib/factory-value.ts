import { markdownLineEnding } from "micromark-util-character";
import { codes } from "micromark-util-symbol";
import type { Code, Effects, State } from "micromark-util-types";
import { isBareInside, selfClosingEnd, type Closer } from "./characters.js";
import { factoryLineEnding } from "./factory-line-ending.js";
import { openerAhead } from "./factory-opening.js";

/**
 * One argument value: `"quoted"` (one line; `\"` and `\\` escape), `` `raw` `` (no escapes; may
 * span lines when `allowEol`) or a bare word (up to a space, a quote or the end of the tag; a bare
 * word never holds `{{<` or `{{%`, see `openerAhead`).
 */
export function factoryValue(effects: Effects, ok: State, nok: State, closer: Closer, allowEol: boolean): State {
  return start;

  function start(code: Code): State | undefined {
    if (code === codes.quotationMark) {
      effects.enter("hugoShortcodeValueQuoted");
      effects.consume(code);
      return quoted;
    }
    if (code === codes.graveAccent) {
      effects.enter("hugoShortcodeValueRaw");
      effects.consume(code);
      return raw;
    }
    if (isBareInside(code, closer)) {
      effects.enter("hugoShortcodeValueBare");
      return bareInside(code);
    }
    return nok(code);
  }

  function quoted(code: Code): State | undefined {
    // One line only: an unbalanced quote must not swallow the rest of the paragraph.
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    effects.consume(code);
    if (code === codes.quotationMark) {
      effects.exit("hugoShortcodeValueQuoted");
      return ok;
    }
    return code === codes.backslash ? quotedEscape : quoted;
  }

  function quotedEscape(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    effects.consume(code);
    return quoted;
  }

  function raw(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (markdownLineEnding(code)) return allowEol ? factoryLineEnding(effects, raw)(code) : nok(code);
    effects.consume(code);
    if (code === codes.graveAccent) {
      effects.exit("hugoShortcodeValueRaw");
      return ok;
    }
    return raw;
  }

  function bare(code: Code): State | undefined {
    if (code === codes.slash) return effects.check(selfClosingEnd[closer], bareEnd, bareInside)(code);
    // Inside a word `=` is data (`https://example.com/?a=b`).
    if (isBareInside(code, closer) || code === codes.equalsTo) return bareInside(code);
    return bareEnd(code);
  }

  function bareInside(code: Code): State | undefined {
    if (code === codes.leftCurlyBrace) return effects.check(openerAhead, nok, bareConsume)(code);
    return bareConsume(code);
  }

  function bareConsume(code: Code): State | undefined {
    effects.consume(code);
    return bare;
  }

  function bareEnd(code: Code): State | undefined {
    effects.exit("hugoShortcodeValueBare");
    return ok(code);
  }
}
