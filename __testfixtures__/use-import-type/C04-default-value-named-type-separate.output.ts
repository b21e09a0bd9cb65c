import main from './lib/api';
import type { Opts } from './lib/api';
const o: Opts = {};
main();
void o;
