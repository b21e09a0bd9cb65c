// Tab indentation is kept.
import { AsyncLocalStorage } from 'node:async_hooks';

const depthStorage = new AsyncLocalStorage<number>();
const log: string[] = [];

export function deeper<T>(fn: () => T): T {
	const saved = depthStorage.getStore() ?? 0;
	return depthStorage.run(saved + 1, () => {
		const depth = depthStorage.getStore() ?? 0;
		log.push(`enter ${depth}`);
		if (depth > 3) {
			throw new Error('too deep');
		}
		return fn();
	});
}

export function currentDepth(): number {
	return depthStorage.getStore() ?? 0;
}
