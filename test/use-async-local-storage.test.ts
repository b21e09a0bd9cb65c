import { describeFixtures } from '../src/testing/index.js';
import transform from '../transforms/use-async-local-storage/index.js';

describeFixtures(transform, new URL('../__testfixtures__/use-async-local-storage/', import.meta.url));
