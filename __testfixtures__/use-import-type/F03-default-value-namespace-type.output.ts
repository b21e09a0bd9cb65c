import main from './lib/api';
import type * as api from './lib/api';
main();
export let o: api.Opts | undefined;
