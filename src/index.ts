export type { Clock } from './util/clock.js';
