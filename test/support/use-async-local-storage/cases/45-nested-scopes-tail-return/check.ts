// EXPECT: isolate
import { asTenantRole, who } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  S(who());
  asTenantRole('acme', 'admin', () => {
    S(who());
    asTenantRole('beta', 'viewer', () => S(who()));
    S(who());
  });
  try {
    asTenantRole('x', 'y', () => {
      throw new Error('boom');
    });
  } catch (e) {
    S('after throw', (e as Error).message, who());
  }
  const task = (tenant: string, delay: number) =>
    asTenantRole(tenant, `${tenant}-role`, async () => {
      await sleep(delay);
      return expectValue(`${tenant} after await`, who(), `${tenant}-role@${tenant}`);
    });
  verdict(await Promise.all([task('A', 5), task('B', 20)]));
});
