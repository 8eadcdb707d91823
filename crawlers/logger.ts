// One structured logger for the crawlers; components take a child (`logger.child({ component })`).
// Logs go to stderr so a command's stdout stays its own (progress, summaries, JSON).
import pino from 'pino';

export const logger = pino(
  { name: 'tulna', level: process.env.TULNA_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info') },
  pino.destination(2),
);

export type Logger = typeof logger;
