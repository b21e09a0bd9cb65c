// EXPECT: same
import { as, bus, seen } from './mod.js';
import { S, main } from '../harness.js';

main(() => {
  bus.emit('save', 'boot');
  as('ann', () => bus.emit('save', 'draft'));
  const emitLater = as('bob', () => () => bus.emit('save', 'late'));
  as('cy', () => emitLater());
  emitLater();
  S(seen);
});
