import { factorySpace } from "micromark-factory-space";
import { factoryWhitespace } from "micromark-factory-whitespace";
import { markdownLineEnding, markdownSpace } from "micromark-util-character";
import { codes, types } from "micromark-util-symbol";
import type { Code, Effects, State } from "micromark-util-types";
import { selfClosingEnd, type Closer } from "./characters.js";
import { factoryArgument } from "./factory-argument.js";
import { factoryName } from "./factory-name.js";
import { factoryOpening } from "./factory-opening.js";
import { factorySequence } from "./factory-sequence.js";

/**
 * One tag: `{{< name args >}}`, `{{< name args />}}` or `{{< /name >}}`, and the same with `%`.
 * With `allowEol` (text) the tag may be wrapped over lines; without it (flow) it is one line.
 */
export function factoryTag(effects: Effects, ok: State, nok: State, allowEol: boolean): State {
  let closer: Closer = codes.greaterThan;

  return start;

  function start(code: Code): State | undefined {
    effects.enter("hugoShortcode");
    effects.enter("hugoShortcodeMarker");
    return factoryOpening(effects, opened, nok)(code);
  }

  function opened(delimiter: Closer): State {
    closer = delimiter;
    effects.exit("hugoShortcodeMarker");
    return space(beforeName);
  }

  function beforeName(code: Code): State | undefined {
    if (code === codes.slash) {
      effects.enter("hugoShortcodeClosingMarker");
      effects.consume(code);
      effects.exit("hugoShortcodeClosingMarker");
      return afterClosingMarker;
    }
    return factoryName(effects, afterName, nok, "hugoShortcodeName")(code);
  }

  function afterClosingMarker(code: Code): State | undefined {
    // `{{</*` is the escaped form, which has its own construct.
    if (code === codes.asterisk) return nok(code);
    return space(factoryName(effects, space(closingEnd), nok, "hugoShortcodeName"))(code);
  }

  function closingEnd(code: Code): State | undefined {
    // A closing tag takes no arguments.
    return code === closer ? end(code) : nok(code);
  }

  function afterName(code: Code): State | undefined {
    return isSpace(code) ? space(beforeArgument)(code) : tagEnd(code);
  }

  function beforeArgument(code: Code): State | undefined {
    if (code === closer) return end(code);
    if (code === codes.slash) return effects.check(selfClosingEnd[closer], selfClosingMarker, argument)(code);
    return argument(code);
  }

  function argument(code: Code): State | undefined {
    return factoryArgument(effects, afterArgument, nok, closer, allowEol)(code);
  }

  function afterArgument(code: Code): State | undefined {
    return isSpace(code) ? space(beforeArgument)(code) : tagEnd(code);
  }

  /** Right after a name or an argument, without space: only the end of the tag may follow. */
  function tagEnd(code: Code): State | undefined {
    if (code === closer) return end(code);
    if (code === codes.slash) return effects.check(selfClosingEnd[closer], selfClosingMarker, nok)(code);
    return nok(code);
  }

  function selfClosingMarker(code: Code): State | undefined {
    effects.enter("hugoShortcodeSelfClosingMarker");
    effects.consume(code);
    effects.exit("hugoShortcodeSelfClosingMarker");
    return end;
  }

  function end(code: Code): State | undefined {
    effects.enter("hugoShortcodeMarker");
    return factorySequence(effects, [closer, codes.rightCurlyBrace, codes.rightCurlyBrace], closed, nok)(code);
  }

  function closed(code: Code): State | undefined {
    effects.exit("hugoShortcodeMarker");
    effects.exit("hugoShortcode");
    return ok(code);
  }

  function isSpace(code: Code): boolean {
    return markdownSpace(code) || (allowEol && markdownLineEnding(code));
  }

  /** Optional spaces (and, in text, line endings) before `next`. */
  function space(next: State): State {
    return allowEol ? factoryWhitespace(effects, next) : factorySpace(effects, next, types.whitespace);
  }
}
