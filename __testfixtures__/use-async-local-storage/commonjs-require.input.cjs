'use strict';
// A CommonJS JavaScript module: the storage comes from require(), and no type annotations are added.
const { AsyncResource } = require('node:async_hooks');

let requestId = 'none';

function withRequest(id, fn) {
  const previous = requestId;
  requestId = id;
  try {
    return fn();
  } finally {
    requestId = previous;
  }
}

function currentRequest() {
  return requestId;
}

module.exports = { withRequest, currentRequest, AsyncResource };
