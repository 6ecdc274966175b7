import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { LogLevelName } from '../../src/config';
import { createLogger } from '../../src/logger';

/** Tests log nothing unless TEST_LOG_LEVEL asks for it. */
export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export interface CapturedLog {
  /** The app's own logger (src/logger.ts, redaction and all), writing its JSON lines here instead of stdout. */
  logger: Logger;
  /** Everything written so far, exactly as it would have reached the log. */
  text(): string;
  /** The lines written so far, parsed. */
  lines(): Record<string, unknown>[];
}

/** A logger made as the app makes its own, at `level`, that keeps what it writes in memory. */
export function capturingLogger(level: LogLevelName = 'trace'): CapturedLog {
  let written = '';
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      written += chunk.toString();
      callback();
    }
  });
  const logger = createLogger({ level, pretty: false, destination });
  return {
    logger,
    text: () => written,
    lines: () =>
      written
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
  };
}
