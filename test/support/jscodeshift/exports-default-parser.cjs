// jscodeshift transform as Babel compiles ESM to CommonJS: exports.default = fn and exports.parser.
// Rewrites `a == b` to `a === b`. With the flow parser, `x: number` annotations in .js files parse.
Object.defineProperty(exports, '__esModule', { value: true });
exports.parser = 'flow';
exports.default = function strictEquality(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  const found = root.find(j.BinaryExpression, { operator: '==' });
  found.forEach((path) => {
    path.value.operator = '===';
  });
  return found.size() ? root.toSource() : null;
};
