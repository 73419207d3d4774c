import assert from "node:assert/strict";
import { jsonText, valueText } from "../../plugin/text/json.js";

describe("values as text", () => {
  it("JSON text is undefined where JSON has nothing to write", () => {
    assert.equal(jsonText(undefined), undefined);
    assert.equal(
      jsonText(() => 1),
      undefined,
    );
    assert.equal(jsonText({ a: [1, "b"] }), '{"a":[1,"b"]}');
  });

  it("shows a value as a contributor wrote it: text as it is, other scalars as YAML reads them back", () => {
    assert.equal(valueText("Jane"), "Jane");
    assert.equal(valueText(5), "5");
    assert.equal(valueText(null), "null");
    assert.equal(valueText(true), "true");
    assert.equal(valueText(undefined), "undefined");
  });
});
