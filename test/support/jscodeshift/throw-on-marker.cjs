// jscodeshift transform that throws on files containing THROW_HERE and skips every other file.
module.exports = function throwOnMarker(file) {
  if (file.source.includes('THROW_HERE')) {
    throw new TypeError(`marker found in ${file.path.split('/').pop()}`);
  }
  return null;
};
