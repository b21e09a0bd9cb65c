import main, { Opts } from './lib/api';
const o: Opts = {};
main();
void o;
