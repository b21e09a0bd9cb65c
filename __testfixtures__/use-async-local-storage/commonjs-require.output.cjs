'use strict';
// A CommonJS JavaScript module: the storage comes from require(), and no type annotations are added.
const { AsyncResource, AsyncLocalStorage } = require('node:async_hooks');

const requestIdStorage = new AsyncLocalStorage();

function withRequest(id, fn) {
  return requestIdStorage.run(id, () => fn());
}

function currentRequest() {
  return requestIdStorage.getStore() ?? 'none';
}

module.exports = { withRequest, currentRequest, AsyncResource };
