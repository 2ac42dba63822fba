import { pino, type Logger } from 'pino';

/** JSON logs on stdout; one base logger per instance, a child per request or event. */
export const createLogger = (options: { name: string; level: string; version: string }): Logger =>
  pino({
    level: options.level,
    base: { function: options.name, version: options.version },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
  });
