// One structured logger for the crawlers; components take a child (`logger.child({ component })`).
// Logs go to stderr so a command's stdout stays its own (progress, summaries, JSON).
import pino from 'pino';
import { environmentSection } from '../config/environment.ts';

export const logger = pino(
  { name: 'tulna', level: environmentSection('logging').TULNA_LOG_LEVEL },
  pino.destination(2),
);

export type Logger = typeof logger;
