/**
 * Micromark syntax extension for Hugo shortcode tags.
 *
 * Only single tags are tokenized here (`{{< name args >}}`, `{{< /name >}}`, `{{< name />}}`,
 * and the `{{% … %}}` forms). Matching opening and closing tags into one node that holds Markdown
 * content happens after parsing (see `mdast.ts`), because the content between two tags is ordinary
 * Markdown that micromark must parse with its own constructs.
 *
 * A tag may stand on its own line (flow: it becomes a block, never wrapped in a paragraph) or sit
 * inside a line of text (text: it becomes phrasing content). A line holding only a tag ends the
 * paragraph above it, unlike in Hugo, where such a block would land inside `<p>` and make invalid
 * HTML. Code (fenced, indented, inline) is never looked into, since those constructs consume
 * their content before ours can start; unlike Hugo, which expands shortcodes in code too.
 *
 * `{{% %}}` and `{{< >}}` differ in Hugo only in whether the output is Markdown to re-render; here
 * every shortcode returns a tree and paired content is always Markdown, so both behave the same.
 */
import {
  asciiAlphanumeric,
  markdownLineEnding,
  markdownLineEndingOrSpace,
  markdownSpace,
} from "micromark-util-character";
import { codes, types } from "micromark-util-symbol";
import type {
  Code,
  Construct,
  Effects,
  Extension,
  State,
  TokenizeContext,
} from "micromark-util-types";

declare module "micromark-util-types" {
  interface TokenTypeMap {
    /** A whole tag, from `{{<` to `>}}`. */
    hugoShortcode: "hugoShortcode";
    /** `{{<`, `{{%`, `>}}` or `%}}`. */
    hugoShortcodeMarker: "hugoShortcodeMarker";
    /** The `/` of a closing tag: `{{< /name >}}`. */
    hugoShortcodeClosingMarker: "hugoShortcodeClosingMarker";
    /** The `/` of a self-closing tag: `{{< name />}}`. */
    hugoShortcodeSelfClosingMarker: "hugoShortcodeSelfClosingMarker";
    hugoShortcodeName: "hugoShortcodeName";
    hugoShortcodeWhitespace: "hugoShortcodeWhitespace";
    /** One argument, positional (`"a"`) or named (`id="a"`). */
    hugoShortcodeArgument: "hugoShortcodeArgument";
    hugoShortcodeArgumentName: "hugoShortcodeArgumentName";
    hugoShortcodeArgumentEquals: "hugoShortcodeArgumentEquals";
    /** `"text"`, quotes included; `\"` and `\\` are escapes. */
    hugoShortcodeValueQuoted: "hugoShortcodeValueQuoted";
    /** `` `text` ``, backticks included; no escapes, may span lines in text. */
    hugoShortcodeValueRaw: "hugoShortcodeValueRaw";
    /** A word without quotes. */
    hugoShortcodeValueBare: "hugoShortcodeValueBare";
    // The escaped form, `{{</*` name `*/>}}`: shown literally as `{{< name >}}`.
    hugoShortcodeEscaped: "hugoShortcodeEscaped";
  }
}

type Delimiter = typeof codes.lessThan | typeof codes.percentSign;
type Closer = typeof codes.greaterThan | typeof codes.percentSign;

function isDelimiter(code: Code): code is Delimiter {
  return code === codes.lessThan || code === codes.percentSign;
}

/** `{{<` closes with `>}}`, `{{%` with `%}}`. */
function closerOf(delimiter: Delimiter): Closer {
  return delimiter === codes.lessThan ? codes.greaterThan : codes.percentSign;
}

/** Shortcode and argument names: what Hugo users write in practice, and what Liquid can map. */
function isNameStart(code: Code): boolean {
  return asciiAlphanumeric(code) || code === codes.underscore;
}

function isNameInside(code: Code): boolean {
  return isNameStart(code) || code === codes.dash;
}

/**
 * Tokenizer factory shared by the flow and text forms; they differ only in whether a tag may
 * span lines (text) and whether it must end its line (flow).
 */
function createTagTokenizer(flow: boolean) {
  return function tokenizeTag(
    this: TokenizeContext,
    effects: Effects,
    ok: State,
    nok: State,
  ): State {
    let closer: Closer = codes.greaterThan;

    // `/` followed by the closing delimiter: a self-closing tag, not the start of a bare word.
    const selfCloseAhead: Construct = {
      partial: true,
      tokenize(effects, ok, nok) {
        return slash;
        function slash(code: Code): State | undefined {
          if (code !== codes.slash) return nok(code);
          effects.consume(code);
          return delim;
        }
        function delim(code: Code): State | undefined {
          if (code !== closer) return nok(code);
          effects.consume(code);
          return brace1;
        }
        function brace1(code: Code): State | undefined {
          if (code !== codes.rightCurlyBrace) return nok(code);
          effects.consume(code);
          return brace2;
        }
        function brace2(code: Code): State | undefined {
          if (code !== codes.rightCurlyBrace) return nok(code);
          effects.consume(code);
          return ok;
        }
      },
    };

    // `name=`: decides between a named argument and a bare positional word before any token opens.
    const namedAhead: Construct = {
      partial: true,
      tokenize(effects, ok, nok) {
        return first;
        function first(code: Code): State | undefined {
          if (!isNameStart(code)) return nok(code);
          effects.consume(code);
          return rest;
        }
        function rest(code: Code): State | undefined {
          if (isNameInside(code)) {
            effects.consume(code);
            return rest;
          }
          if (code === codes.equalsTo) {
            effects.consume(code);
            return ok;
          }
          return nok(code);
        }
      },
    };

    return start;

    function start(code: Code): State | undefined {
      if (code !== codes.leftCurlyBrace) return nok(code);
      effects.enter("hugoShortcode");
      effects.enter("hugoShortcodeMarker");
      effects.consume(code);
      return openBrace;
    }

    function openBrace(code: Code): State | undefined {
      if (code !== codes.leftCurlyBrace) return nok(code);
      effects.consume(code);
      return openDelimiter;
    }

    function openDelimiter(code: Code): State | undefined {
      if (!isDelimiter(code)) return nok(code);
      closer = closerOf(code);
      effects.consume(code);
      effects.exit("hugoShortcodeMarker");
      return afterOpen;
    }

    function afterOpen(code: Code): State | undefined {
      if (code === codes.slash) {
        effects.enter("hugoShortcodeClosingMarker");
        effects.consume(code);
        effects.exit("hugoShortcodeClosingMarker");
        return afterClosingSlash;
      }
      if (isSpaceOrEol(code)) return whitespace(afterOpenSpace)(code);
      return afterOpenSpace(code);
    }

    function afterOpenSpace(code: Code): State | undefined {
      if (code === codes.slash) return afterOpen(code);
      return name(afterName)(code);
    }

    function afterClosingSlash(code: Code): State | undefined {
      // `{{</*` is the escaped form, tokenized by its own construct.
      if (code === codes.asterisk) return nok(code);
      if (isSpaceOrEol(code)) return whitespace(name(afterClosingName))(code);
      return name(afterClosingName)(code);
    }

    function afterClosingName(code: Code): State | undefined {
      if (isSpaceOrEol(code)) return whitespace(closingEnd)(code);
      return closingEnd(code);
    }

    function closingEnd(code: Code): State | undefined {
      // A closing tag takes no arguments.
      if (code === closer) return end(code);
      return nok(code);
    }

    function afterName(code: Code): State | undefined {
      if (isSpaceOrEol(code)) return whitespace(beforeArgument)(code);
      return tagEnd(code);
    }

    function beforeArgument(code: Code): State | undefined {
      if (code === closer) return end(code);
      if (code === codes.slash) {
        return effects.check(selfCloseAhead, selfClose, argument)(code);
      }
      return argument(code);
    }

    function afterArgument(code: Code): State | undefined {
      if (isSpaceOrEol(code)) return whitespace(beforeArgument)(code);
      return tagEnd(code);
    }

    /** The end of a tag, or `/` before it, right after a name or an argument. */
    function tagEnd(code: Code): State | undefined {
      if (code === closer) return end(code);
      if (code === codes.slash) {
        return effects.check(selfCloseAhead, selfClose, nok)(code);
      }
      return nok(code);
    }

    function argument(code: Code): State | undefined {
      if (code === codes.quotationMark || code === codes.graveAccent) {
        effects.enter("hugoShortcodeArgument");
        return value(argumentEnd)(code);
      }
      if (isBareInside(code)) {
        effects.enter("hugoShortcodeArgument");
        return effects.check(namedAhead, argumentName, value(argumentEnd))(code);
      }
      return nok(code);
    }

    function argumentName(code: Code): State | undefined {
      effects.enter("hugoShortcodeArgumentName");
      return argumentNameInside(code);
    }

    function argumentNameInside(code: Code): State | undefined {
      if (code === codes.equalsTo) {
        effects.exit("hugoShortcodeArgumentName");
        effects.enter("hugoShortcodeArgumentEquals");
        effects.consume(code);
        effects.exit("hugoShortcodeArgumentEquals");
        return value(argumentEnd);
      }
      effects.consume(code);
      return argumentNameInside;
    }

    function argumentEnd(code: Code): State | undefined {
      effects.exit("hugoShortcodeArgument");
      return afterArgument(code);
    }

    /** A quoted, raw or bare value, then `next`. */
    function value(next: State): State {
      return function valueStart(code: Code): State | undefined {
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
        if (isBareInside(code)) {
          effects.enter("hugoShortcodeValueBare");
          effects.consume(code);
          return bare;
        }
        return nok(code);
      };

      function quoted(code: Code): State | undefined {
        // A quoted value is one line: an unbalanced quote must not swallow the paragraph.
        if (code === codes.eof || markdownLineEnding(code)) return nok(code);
        if (code === codes.quotationMark) {
          effects.consume(code);
          effects.exit("hugoShortcodeValueQuoted");
          return next;
        }
        effects.consume(code);
        return code === codes.backslash ? quotedEscape : quoted;
      }

      function quotedEscape(code: Code): State | undefined {
        if (code === codes.eof || markdownLineEnding(code)) return nok(code);
        effects.consume(code);
        return quoted;
      }

      function raw(code: Code): State | undefined {
        if (code === codes.eof) return nok(code);
        if (markdownLineEnding(code)) {
          if (flow) return nok(code);
          effects.enter(types.lineEnding);
          effects.consume(code);
          effects.exit(types.lineEnding);
          return raw;
        }
        effects.consume(code);
        if (code === codes.graveAccent) {
          effects.exit("hugoShortcodeValueRaw");
          return next;
        }
        return raw;
      }

      function bare(code: Code): State | undefined {
        if (code === codes.slash) {
          return effects.check(selfCloseAhead, bareEnd, bareContinue)(code);
        }
        // `=` only decides named arguments at the start of a word; inside one it is data
        // (`https://example.com/?a=b`).
        if (isBareInside(code) || code === codes.equalsTo) return bareContinue(code);
        return bareEnd(code);
      }

      function bareContinue(code: Code): State | undefined {
        effects.consume(code);
        return bare;
      }

      function bareEnd(code: Code): State | undefined {
        effects.exit("hugoShortcodeValueBare");
        return next(code);
      }
    }

    function isBareInside(code: Code): boolean {
      return (
        code !== codes.eof &&
        !markdownLineEndingOrSpace(code) &&
        code !== codes.quotationMark &&
        code !== codes.graveAccent &&
        code !== codes.equalsTo &&
        code !== closer
      );
    }

    function selfClose(code: Code): State | undefined {
      effects.enter("hugoShortcodeSelfClosingMarker");
      effects.consume(code);
      effects.exit("hugoShortcodeSelfClosingMarker");
      return end;
    }

    function end(code: Code): State | undefined {
      if (code !== closer) return nok(code);
      effects.enter("hugoShortcodeMarker");
      effects.consume(code);
      return closeBrace;
    }

    function closeBrace(code: Code): State | undefined {
      if (code !== codes.rightCurlyBrace) return nok(code);
      effects.consume(code);
      return closeBraceLast;
    }

    function closeBraceLast(code: Code): State | undefined {
      if (code !== codes.rightCurlyBrace) return nok(code);
      effects.consume(code);
      effects.exit("hugoShortcodeMarker");
      effects.exit("hugoShortcode");
      return flow ? lineRest : ok;
    }

    /** A flow tag owns its line: only trailing spaces may follow it. */
    function lineRest(code: Code): State | undefined {
      if (markdownSpace(code)) {
        effects.enter(types.whitespace);
        return lineRestSpace(code);
      }
      return lineEnd(code);
    }

    function lineRestSpace(code: Code): State | undefined {
      if (markdownSpace(code)) {
        effects.consume(code);
        return lineRestSpace;
      }
      effects.exit(types.whitespace);
      return lineEnd(code);
    }

    function lineEnd(code: Code): State | undefined {
      return code === codes.eof || markdownLineEnding(code) ? ok(code) : nok(code);
    }

    function name(next: State): State {
      return function nameStart(code: Code): State | undefined {
        if (!isNameStart(code)) return nok(code);
        effects.enter("hugoShortcodeName");
        effects.consume(code);
        return nameInside;
      };
      function nameInside(code: Code): State | undefined {
        if (isNameInside(code)) {
          effects.consume(code);
          return nameInside;
        }
        effects.exit("hugoShortcodeName");
        return next(code);
      }
    }

    function isSpaceOrEol(code: Code): boolean {
      return markdownSpace(code) || (!flow && markdownLineEnding(code));
    }

    /** Spaces, and in text also line endings (a tag may be wrapped over lines there). */
    function whitespace(next: State): State {
      return function whitespaceStart(code: Code): State | undefined {
        if (markdownSpace(code)) {
          effects.enter("hugoShortcodeWhitespace");
          effects.consume(code);
          return spaces;
        }
        if (!flow && markdownLineEnding(code)) {
          effects.enter(types.lineEnding);
          effects.consume(code);
          effects.exit(types.lineEnding);
          return whitespaceStart;
        }
        return next(code);
      };
      function spaces(code: Code): State | undefined {
        if (markdownSpace(code)) {
          effects.consume(code);
          return spaces;
        }
        effects.exit("hugoShortcodeWhitespace");
        return whitespace(next)(code);
      }
    }
  };
}

// The escaped forms `{{</*` … `*/>}}` and `{{%/*` … `*/%}}`: text only, shown as the tag they
// spell, so that a page can document shortcodes.
function tokenizeEscaped(
  this: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
): State {
  let closer: Closer = codes.greaterThan;

  const endAhead: Construct = {
    partial: true,
    tokenize(effects, ok, nok) {
      const expected: Code[] = [
        codes.asterisk,
        codes.slash,
        closer,
        codes.rightCurlyBrace,
        codes.rightCurlyBrace,
      ];
      let index = 0;
      return step;
      function step(code: Code): State | undefined {
        if (code !== expected[index]) return nok(code);
        effects.consume(code);
        index++;
        return index === expected.length ? ok : step;
      }
    },
  };

  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.enter("hugoShortcodeEscaped");
    effects.consume(code);
    return brace;
  }

  function brace(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.consume(code);
    return delim;
  }

  function delim(code: Code): State | undefined {
    if (!isDelimiter(code)) return nok(code);
    closer = closerOf(code);
    effects.consume(code);
    return commentSlash;
  }

  function commentSlash(code: Code): State | undefined {
    if (code !== codes.slash) return nok(code);
    effects.consume(code);
    return commentStar;
  }

  function commentStar(code: Code): State | undefined {
    if (code !== codes.asterisk) return nok(code);
    effects.consume(code);
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (markdownLineEnding(code)) {
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return inside;
    }
    if (code === codes.asterisk) {
      return effects.check(endAhead, endStart, insideConsume)(code);
    }
    return insideConsume(code);
  }

  function insideConsume(code: Code): State | undefined {
    effects.consume(code);
    return inside;
  }

  function endStart(code: Code): State | undefined {
    // Consume `*/>}}` (five codes) now that the lookahead confirmed it.
    let left = 5;
    return consumeEnd(code);
    function consumeEnd(code: Code): State | undefined {
      effects.consume(code);
      left--;
      if (left === 0) {
        effects.exit("hugoShortcodeEscaped");
        return ok;
      }
      return consumeEnd;
    }
  }
}

const shortcodeFlow: Construct = { name: "hugoShortcodeFlow", tokenize: createTagTokenizer(true) };
const shortcodeText: Construct = { name: "hugoShortcodeText", tokenize: createTagTokenizer(false) };
const shortcodeEscaped: Construct = { name: "hugoShortcodeEscaped", tokenize: tokenizeEscaped };

/**
 * Create the micromark extension for Hugo shortcode tags.
 *
 * Use it with `hugoShortcodeFromMarkdown` (or through `remarkHugoShortcodes`), which turns the
 * tokens into `hugoShortcode` nodes.
 */
export function hugoShortcodeSyntax(): Extension {
  return {
    flow: { [codes.leftCurlyBrace]: shortcodeFlow },
    text: { [codes.leftCurlyBrace]: [shortcodeEscaped, shortcodeText] },
  };
}
