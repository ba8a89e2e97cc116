import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. They carry event names, ids of our own records and counts — never free text
 * or identities. The redaction below is a safety net for mistakes, not permission to log such fields.
 */
export const REDACTED_PATHS = [
  'text',
  '*.text',
  'value',
  '*.value',
  'from',
  '*.from',
  'recipient',
  '*.recipient',
  'name',
  '*.name',
  'aadObjectId',
  '*.aadObjectId',
  'email',
  '*.email',
  'headers.authorization',
  '*.headers.authorization',
  'description',
  '*.description',
  // A conversation (its id and name), a token, an address: an Activity or a request carries them.
  'conversation',
  '*.conversation',
  'authorization',
  '*.authorization',
  'headers.cookie',
  '*.headers.cookie',
  'token',
  '*.token',
  // Calendar links carry a token in their query string.
  'url',
  '*.url',
  'query',
  '*.query',
  'caseCode',
  '*.caseCode',
  // An error's text can quote what a person sent or a stored value; its name is what is logged.
  'err.message',
  'err.stack',
  '*.err.message',
  '*.err.stack',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'sociaal-veilig' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
