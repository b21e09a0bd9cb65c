// An ES module in JavaScript: an import, and no type annotations (the box form here).
import { AsyncLocalStorage } from 'node:async_hooks';

const stepStorage = new AsyncLocalStorage();
const stepRoot = { value: 0 };

function stepBox() {
  return stepStorage.getStore() ?? stepRoot;
}

export function phase(fn) {
  return stepStorage.run({ value: 1 }, () => fn());
}

export function advance() {
  stepBox().value += 1;
}

export function currentStep() {
  return stepBox().value;
}
