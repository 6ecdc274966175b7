// Browsers have no Node 'util'; antlr4ts names util.inspect.custom and adaptive-expressions builds
// util.TextEncoder and util.TextDecoder, which browsers have as globals.
module.exports = {
  inspect: { custom: Symbol.for('nodejs.util.inspect.custom') },
  TextEncoder: globalThis.TextEncoder,
  TextDecoder: globalThis.TextDecoder
};
