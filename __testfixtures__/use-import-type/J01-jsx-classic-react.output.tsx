import * as React from './lib/react';
import type { Props } from './lib/react';

export const el = (p: Props) => <div>{String(p.p)}</div>;
