import pino, { type Logger } from 'pino';
import type { LogLevelName } from './config';

/**
 * Paths that can hold a token or secret. pino replaces them before anything is written, so no
 * bearer token, key or password reaches the log whatever a caller passes.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  '*.authorization',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'key',
  '*.key',
  'cosmos.key',
  'config.cosmos.key',
  'config.entraApp.clientSecret',
  'config.bot.password'
];

/** JSON lines in production; readable lines in development. */
export function createLogger(options: { level: LogLevelName; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {})
  });
}
