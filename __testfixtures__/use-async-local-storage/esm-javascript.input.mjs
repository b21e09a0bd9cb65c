// An ES module in JavaScript: an import, and no type annotations (the box form here).
let step = 0;

export function phase(fn) {
  const saved = step;
  step = 1;
  try {
    return fn();
  } finally {
    step = saved;
  }
}

export function advance() {
  step += 1;
}

export function currentStep() {
  return step;
}
