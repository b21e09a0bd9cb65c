import * as React from './lib/react';
import { Props } from './lib/react';

export const el = (p: Props) => <div>{String(p.p)}</div>;
