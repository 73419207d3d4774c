/**
 * The characters of the shortcode syntax, and lookaheads for the sequences that end a tag.
 */
import { asciiAlphanumeric, markdownLineEndingOrSpace } from "micromark-util-character";
import { codes } from "micromark-util-symbol";
import type { Code, Construct } from "micromark-util-types";
import { factorySequence } from "./factory-sequence.js";

type Delimiter = typeof codes.lessThan | typeof codes.percentSign;
export type Closer = typeof codes.greaterThan | typeof codes.percentSign;

export function isDelimiter(code: Code): code is Delimiter {
  return code === codes.lessThan || code === codes.percentSign;
}

/** `{{<` closes with `>}}`, `{{%` with `%}}`. */
export function closerOf(delimiter: Delimiter): Closer {
  return delimiter === codes.lessThan ? codes.greaterThan : codes.percentSign;
}

/** Shortcode and argument names: what Hugo users write in practice, and what templates can map. */
export function isNameStart(code: Code): boolean {
  return asciiAlphanumeric(code) || code === codes.underscore;
}

export function isNameInside(code: Code): boolean {
  return isNameStart(code) || code === codes.dash;
}

/**
 * Whether `code` may be part of a bare (unquoted) value. `=` is left out because it decides
 * named arguments at the start of a word; inside a word it is data, which the value factory knows.
 */
export function isBareInside(code: Code, closer: Closer): boolean {
  return (
    code !== codes.eof &&
    !markdownLineEndingOrSpace(code) &&
    code !== codes.quotationMark &&
    code !== codes.graveAccent &&
    code !== codes.equalsTo &&
    code !== closer
  );
}

/** A partial construct that matches exactly `expected`, code by code. */
function sequence(expected: readonly Code[]): Construct {
  return { partial: true, tokenize: (effects, ok, nok) => factorySequence(effects, expected, ok, nok) };
}

function bySelfCloser(prefix: readonly Code[]): Readonly<Record<Closer, Construct>> {
  const closing = (closer: Closer): Construct => sequence([...prefix, closer, codes.rightCurlyBrace, codes.rightCurlyBrace]);
  return { [codes.greaterThan]: closing(codes.greaterThan), [codes.percentSign]: closing(codes.percentSign) };
}

// `/>}}` or `/%}}`: a self-closing end, not the start of a bare word.
export const selfClosingEnd = bySelfCloser([codes.slash]);

// `*/>}}` or `*/%}}`: the end of an escaped tag.
export const escapedEnd = bySelfCloser([codes.asterisk, codes.slash]);
