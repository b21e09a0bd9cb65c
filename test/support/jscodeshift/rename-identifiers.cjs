// jscodeshift transform (CommonJS, module.exports = fn): renames identifiers options.from → options.to
// (default foo → bar), counts them with api.stats and reports TODO comments with api.report.
// Always returns toSource(), so files without `from` come back as the same string (unchanged).
module.exports = function renameIdentifiers(file, api, options) {
  const j = api.jscodeshift;
  const from = options.from ?? 'foo';
  const to = options.to ?? 'bar';
  const root = j(file.source);
  const found = root.find(j.Identifier, { name: from });
  api.stats('renamed', found.size());
  found.replaceWith(() => j.identifier(to));
  root.find(j.Comment).forEach((path) => {
    if (/TODO/.test(path.value.value)) api.report(`TODO left: ${path.value.value.trim()}`);
  });
  return root.toSource();
};
