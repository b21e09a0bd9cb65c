// Pattern P2: save / set / call / restore without try-finally (Svelte 3 no_current_component style).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Component {
  readonly id: string;
}

const currentComponentStorage = new AsyncLocalStorage<Component | undefined>();

export function withComponent<T>(component: Component, callback: () => T): T {
  return currentComponentStorage.run(component, () => callback());
}

export function noCurrentComponent<T>(callback: () => T): T {
  return currentComponentStorage.run(undefined, () => callback());
}

export function getCurrentComponent(): Component {
  const currentComponent = currentComponentStorage.getStore();
  if (!currentComponent) throw new Error('Function called outside component initialization');
  return currentComponent;
}

export function hasCurrentComponent(): boolean {
  return currentComponentStorage.getStore() !== undefined;
}
