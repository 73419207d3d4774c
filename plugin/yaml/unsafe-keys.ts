/**
 * Keys that steer a naive deep merge into `Object.prototype`: `__proto__` directly, `constructor`
 * through `constructor.prototype`. No field is named like this. Apart from the parser, so that the
 * parse cache's checks of what it holds load no parser.
 */
export const UNSAFE_KEYS: readonly string[] = ["__proto__", "constructor"];
