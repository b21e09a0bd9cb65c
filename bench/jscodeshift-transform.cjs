// The transform bench/jscodeshift-runner.mjs runs with both runners: `var` → `let`, and `undefined`
// in comparisons → `void 0`. Not a safe modernisation (var and let differ in scope): the point is a
// realistic parse → find → replace → print cycle on every file.
module.exports = function transform(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  let count = 0;
  root.find(j.VariableDeclaration, { kind: 'var' }).forEach((path) => {
    path.node.kind = 'let';
    count++;
  });
  root.find(j.Identifier, { name: 'undefined' }).forEach((path) => {
    if (path.parent.node.type === 'BinaryExpression') {
      j(path).replaceWith(j.unaryExpression('void', j.literal(0)));
      count++;
    }
  });
  api.stats('edits', count);
  return count ? root.toSource({ quote: 'single' }) : null;
};
