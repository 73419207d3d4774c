/** Quotation marks typed around values by mistake: straight, curly, low-9, guillemets, primes. */
export const DOUBLE_QUOTES = '"\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u2036\u301D\u301E\uFF02';
export const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B\u2039\u203A\u2032\u2035`";
export const ALL_QUOTES = DOUBLE_QUOTES + SINGLE_QUOTES;
