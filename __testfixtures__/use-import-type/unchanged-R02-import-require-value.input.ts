import api = require('./lib/api');
api.run({});
