// Tab indentation is kept.
let depth = 0;
const log: string[] = [];

export function deeper<T>(fn: () => T): T {
	const saved = depth;
	depth = saved + 1;
	log.push(`enter ${depth}`);
	try {
		if (depth > 3) {
			throw new Error('too deep');
		}
		return fn();
	} finally {
		depth = saved;
	}
}

export function currentDepth(): number {
	return depth;
}
