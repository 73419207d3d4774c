import { codes } from "micromark-util-symbol";
import type { Code, Construct, Effects, State } from "micromark-util-types";
import { isBareInside, type Closer } from "./characters.js";
import { factoryName } from "./factory-name.js";
import { factoryValue } from "./factory-value.js";

// `name=` ahead: decides between a named argument and a bare positional word before any token
// opens, since both start with the same characters.
const namedAhead: Construct = { partial: true, tokenize: tokenizeNamedAhead };

/** One argument: a value (positional) or `name=` and a value (named). */
export function factoryArgument(effects: Effects, ok: State, nok: State, closer: Closer, allowEol: boolean): State {
  const value = factoryValue(effects, end, nok, closer, allowEol);
  return start;

  function start(code: Code): State | undefined {
    if (code === codes.quotationMark || code === codes.graveAccent) {
      effects.enter("hugoShortcodeArgument");
      return value(code);
    }
    if (isBareInside(code, closer)) {
      effects.enter("hugoShortcodeArgument");
      return effects.check(namedAhead, name, value)(code);
    }
    return nok(code);
  }

  function name(code: Code): State | undefined {
    return factoryName(effects, equals, nok, "hugoShortcodeArgumentName")(code);
  }

  function equals(code: Code): State | undefined {
    if (code !== codes.equalsTo) return nok(code);
    effects.enter("hugoShortcodeArgumentEquals");
    effects.consume(code);
    effects.exit("hugoShortcodeArgumentEquals");
    return value;
  }

  function end(code: Code): State | undefined {
    effects.exit("hugoShortcodeArgument");
    return ok(code);
  }
}

function tokenizeNamedAhead(effects: Effects, ok: State, nok: State): State {
  return factoryName(effects, equals, nok, "hugoShortcodeArgumentName");

  function equals(code: Code): State | undefined {
    if (code !== codes.equalsTo) return nok(code);
    effects.consume(code);
    return ok;
  }
}
