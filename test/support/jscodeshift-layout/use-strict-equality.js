// A jscodeshift transform kept in jscodeshift's test layout (__testfixtures__/<name>.input.js and
// .output.js next to it), tested by test/jscodeshift-layout.test.ts with codemigrate's defineTest.
// `==` → `===` and `!=` → `!==`; with options.keepNullChecks, `x == null` stays. Returns nothing when
// there is nothing to change (jscodeshift's "skipped"; an empty .output.js in its layout).
module.exports = function useStrictEquality(file, api, options) {
  const j = api.jscodeshift;
  const root = j(file.source);
  const isNull = (node) => node.type === 'NullLiteral' || (node.type === 'Literal' && node.value === null);
  const loose = root
    .find(j.BinaryExpression)
    .filter((path) => path.value.operator === '==' || path.value.operator === '!=')
    .filter((path) => !(options.keepNullChecks && (isNull(path.value.left) || isNull(path.value.right))));
  if (loose.size() === 0) return null;
  loose.forEach((path) => {
    path.value.operator += '=';
  });
  return root.toSource();
};
