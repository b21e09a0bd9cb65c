import main, { type Opts } from './lib/api';
const o: Opts = {};
main();
void o;
