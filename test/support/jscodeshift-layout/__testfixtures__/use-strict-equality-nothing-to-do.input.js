const strict = a === b;
