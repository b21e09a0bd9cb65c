export { I } from './lib/chain-b';
