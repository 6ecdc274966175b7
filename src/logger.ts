import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { LogLevelName } from './config';
import { redactFields, redactText } from './logRedaction';

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

/**
 * The options every logger of the app is made with. Besides the paths above, every log line goes through
 * `src/logRedaction.ts` twice: each logged object before it is serialized (errors with their causes and
 * own fields included: Graph, Cosmos DB, fetch and Bot Connector errors carry request URLs and headers),
 * and the finished line just before it is written (the message and child bindings too). So no query
 * string, invitation secret, report or export token, consent state, JWT or credential header reaches the
 * log at any level, whoever logs what.
 */
export function loggerOptions(level: LogLevelName): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { log: (object) => redactFields(object) as Record<string, unknown> },
    // Logged errors are already made safe (and plain) by the formatter; pino's serializer would only rename their type.
    serializers: { err: (value: unknown) => value },
    hooks: { streamWrite: redactLine }
  };
}

/** The last pass over a finished JSON line: the message, child bindings, anything the formatter did not see. */
function redactLine(line: string): string {
  try {
    return `${JSON.stringify(redactFields(JSON.parse(line)))}\n`;
  } catch {
    return redactText(line);
  }
}

/**
 * JSON lines in production; readable lines in development. `destination` (tests) receives the JSON
 * lines instead of standard output.
 */
export function createLogger(options: { level: LogLevelName; pretty: boolean; destination?: DestinationStream }): Logger {
  const base = loggerOptions(options.level);
  if (options.destination) return pino(base, options.destination);
  return pino({
    ...base,
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {})
  });
}
