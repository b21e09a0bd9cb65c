// EXPECT: differs
import { inSection, currentSection } from './mod.js';
import { S, main } from '../harness.js';

main(() => {
  inSection('outer', () => {
    S('in outer', currentSection());
    inSection('inner', () => S('in inner', currentSection()));
    S('outer after inner', currentSection());
  });
  S('after', currentSection());
});
