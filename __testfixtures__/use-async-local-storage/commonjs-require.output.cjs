'use strict';
// A CommonJS JavaScript module: the storage comes from require(), and no type annotations are added.
const { AsyncResource, AsyncLocalStorage } = require('node:async_hooks');

const requestIdStorage = new AsyncLocalStorage();
const requestIdRoot = { value: 'none' };

function withRequest(id, fn) {
  return requestIdStorage.run({ value: id }, () => fn());
}

function currentRequest() {
  return (requestIdStorage.getStore() ?? requestIdRoot).value;
}

module.exports = { withRequest, currentRequest, AsyncResource };
