import api = require('./lib/api');
export let o: api.Opts | undefined;
