// The refusal cases share the harness of the behaviour cases.
export * from '../cases/harness.js';
