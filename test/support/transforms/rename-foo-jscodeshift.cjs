// A jscodeshift transform in CommonJS, with jscodeshift's own signature: renames identifiers `foo` to
// `options.to` (default `bar`). With `--echo`, it reports the options it was given, so tests can see them.
module.exports = function renameFoo(file, api, options) {
  const j = api.jscodeshift;
  if (options.echo) api.report(`options ${JSON.stringify(options)}`);
  const root = j(file.source);
  const found = root.find(j.Identifier, { name: 'foo' });
  if (found.size() === 0) return file.source;
  found.forEach((path) => {
    path.node.name = typeof options.to === 'string' ? options.to : 'bar';
  });
  return root.toSource();
};
