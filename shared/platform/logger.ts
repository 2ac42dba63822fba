import { pino, type DestinationStream, type Logger } from 'pino';

let destination: DestinationStream | undefined;

/**
 * Where the loggers made from now on write instead of stdout (undefined: stdout again). For tests
 * that read what the functions log (no personal data in logs); hosts never call it.
 */
export const useLogDestination = (stream: DestinationStream | undefined): void => {
  destination = stream;
};

/** JSON logs on stdout; one base logger per instance, a child per request or event. */
export const createLogger = (options: { name: string; level: string; version: string }): Logger => {
  const settings = {
    level: options.level,
    base: { function: options.name, version: options.version },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
  };
  return destination ? pino(settings, destination) : pino(settings);
};
