// A process-wide counter and a cache: shared between requests on purpose, no scope writes them.
let requests = 0;
let cached: string | undefined;

export function handle(): number {
  requests++;
  return requests;
}

export function config(): string {
  if (cached === undefined) cached = `loaded#${requests}`;
  return cached;
}
