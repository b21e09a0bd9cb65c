import main, * as api from './lib/api';
main();
export let o: api.Opts | undefined;
