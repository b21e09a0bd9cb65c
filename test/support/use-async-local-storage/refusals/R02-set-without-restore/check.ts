// EXPECT: differs
import { setRequestId, logger } from './mod.js';
import { S, main } from '../harness.js';

// A typical async middleware: it awaits (e.g. auth) and then sets the id for "the request".
async function middleware(id: string): Promise<void> {
  await Promise.resolve();
  setRequestId(id);
}

main(async () => {
  // Single flow, two sequential requests; each handler runs after its middleware returned.
  // Original: req-1 then req-2. Naive enterWith(): Node 20/22 (async_hooks) leak the FIRST id into
  // the top-level context and never see the second; Node 24 (AsyncContextFrame) sees neither.
  await middleware('req-1');
  S(logger.info('handler 1'));
  await middleware('req-2');
  S(logger.info('handler 2'));
});
