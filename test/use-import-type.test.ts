import { describeFixtures } from '../src/testing/index.js';
import transform from '../transforms/use-import-type/index.js';

describeFixtures(transform, new URL('../__testfixtures__/use-import-type/', import.meta.url));
