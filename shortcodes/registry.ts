import type { ShortcodeDefinition } from "./types.js";

// What the Hugo syntax can spell (see plugin/markdown/remark-hugo-shortcodes/lib/factory-name.ts) and what Liquid and Nunjucks
// accept as a tag name.
const hugoName = /^\w[\w-]*$/;
const templateName = /^[A-Z_]\w*$/i;

/**
 * Index shortcode definitions by their Hugo name.
 *
 * @throws {TypeError} when two definitions share a name (or a template name), or a name cannot be
 *   written in the shortcode syntax: a page would silently get one of the two otherwise.
 */
export function createShortcodeRegistry(definitions: readonly ShortcodeDefinition[]): ReadonlyMap<string, ShortcodeDefinition> {
  const byName = new Map<string, ShortcodeDefinition>();
  const byTemplateName = new Map<string, ShortcodeDefinition>();

  for (const definition of definitions) {
    if (!hugoName.test(definition.name)) {
      throw new TypeError(
        `Shortcode name "${definition.name}" cannot be used in a page: ` +
          `use letters, digits, "_" and "-", starting with a letter, digit or "_"`,
      );
    }
    if (!templateName.test(definition.templateName)) {
      throw new TypeError(
        `Shortcode "${definition.name}" has template name "${definition.templateName}", ` +
          `which Liquid and Nunjucks reject: use letters, digits and "_", not starting with a digit`,
      );
    }
    if (byName.has(definition.name)) {
      throw new TypeError(`Shortcode "${definition.name}" is defined twice`);
    }
    const clash = byTemplateName.get(definition.templateName);
    if (clash) {
      throw new TypeError(`Shortcodes "${clash.name}" and "${definition.name}" share the template name "${definition.templateName}"`);
    }
    byName.set(definition.name, definition);
    byTemplateName.set(definition.templateName, definition);
  }

  return byName;
}
