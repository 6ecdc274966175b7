import pino from 'pino';

/** Tests log nothing unless TEST_LOG_LEVEL asks for it. */
export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
