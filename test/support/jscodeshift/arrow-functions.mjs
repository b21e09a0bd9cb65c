// jscodeshift transform (ESM, export default): function expressions that use neither `this` nor
// `arguments` become arrow functions, printed with single quotes. Returns undefined when there are none.
export default function arrowFunctions(file, api) {
  const j = api.j;
  const root = j(file.source);
  let changed = 0;
  root.find(j.FunctionExpression).forEach((path) => {
    const fn = path.value;
    if (fn.generator || fn.id) return;
    const usesThis = j(path).find(j.ThisExpression).size() > 0 || j(path).find(j.Identifier, { name: 'arguments' }).size() > 0;
    if (usesThis) return;
    j(path).replaceWith(j.arrowFunctionExpression(fn.params, fn.body, false));
    path.value.async = fn.async;
    changed++;
  });
  if (!changed) return undefined;
  return root.toSource({ quote: 'single' });
}
