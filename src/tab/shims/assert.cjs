// Browsers have no Node 'assert'; antlr4ts (under adaptivecards-templating's expression parser) calls
// assert(), assert.ok, assert.strictEqual and assert.fail. scripts/buildTab.ts resolves 'assert' here.
function assert(value, message) {
  if (!value) throw new Error(message || 'Assertion failed');
}
assert.ok = assert;
assert.strictEqual = function strictEqual(actual, expected, message) {
  if (actual !== expected) throw new Error(message || 'Expected ' + String(actual) + ' to equal ' + String(expected));
};
assert.fail = function fail(message) {
  throw new Error(message || 'Assertion failed');
};
module.exports = assert;
