import { createLogger, REDACTED_PATHS } from '../../bot/src/platform/logging/logger';

/** What one log call writes, parsed. */
function logged(write: (logger: ReturnType<typeof createLogger>) => void): Record<string, unknown> {
  const lines: string[] = [];
  write(createLogger('info', { write: (line: string) => void lines.push(line) }));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

const SECRET = 'Mijn leidinggevende zei iets kwetsends';

describe('structured logs', () => {
  it('are JSON with the service, a level, an ISO time and the event', () => {
    const line = logged((l) => l.info({ event: 'service.ready', port: 3978 }, 'ready'));
    expect(line).toMatchObject({ service: 'sociaal-veilig', level: 30, event: 'service.ready', port: 3978, msg: 'ready' });
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('censor, as a safety net, every field that could carry text or an identity, at the top and one level down', () => {
    const fields = [...new Set(REDACTED_PATHS.map((p) => p.replace(/^\*\./, '')))].filter((p) => !p.includes('.'));
    const top = Object.fromEntries(fields.map((f) => [f, `${SECRET} ${f}`]));
    const line = logged((l) => l.info({ event: 'test', ...top, activity: { ...top } }, 'x'));
    const text = JSON.stringify(line);
    expect(text).not.toContain(SECRET);
    for (const f of fields) {
      expect({ f, top: line[f] }).toEqual({ f, top: '[redacted]' });
      expect({ f, nested: (line.activity as Record<string, unknown>)[f] }).toEqual({ f, nested: '[redacted]' });
    }
  });

  it('censor what an Activity or a request would bring: people, the conversation, the bearer token, a calendar link', () => {
    const line = logged((l) =>
      l.warn(
        {
          event: 'test',
          activity: { type: 'message', text: SECRET, from: { id: '29:user-1', aadObjectId: 'aad-1', name: 'Fictieve Collega' }, conversation: { id: 'a:chat-1' } },
          req: { method: 'GET', url: '/api/workshops/1/calendar.ics?t=Tq3xZ8vLw2Kp9sRb4nYc7mHd5gFj6aE1', headers: { authorization: 'Bearer eyJ0eXAi', cookie: 'a=b' } },
        },
        'x',
      ),
    );
    expect(line).toMatchObject({
      activity: { type: 'message', text: '[redacted]', from: '[redacted]', conversation: '[redacted]' },
      req: { method: 'GET', url: '[redacted]', headers: { authorization: '[redacted]', cookie: '[redacted]' } },
    });
    expect(JSON.stringify(line)).not.toMatch(/29:user-1|aad-1|Fictieve|a:chat-1|eyJ0eXAi|Tq3xZ8/);
  });

  it('keep an error\'s name but not its message or stack, which can quote what a person sent', () => {
    const error = new TypeError(`cannot read "${SECRET}"`);
    const line = logged((l) => l.error({ event: 'test', err: error, nested: { err: error }, error: error.name }, 'x'));
    expect(line).toMatchObject({ error: 'TypeError', err: { type: 'TypeError', message: '[redacted]', stack: '[redacted]' } });
    expect(JSON.stringify(line)).not.toContain(SECRET);
  });

  it('keep what the service does log: event names, counts, statuses, routes, kinds', () => {
    const line = logged((l) => l.info({ event: 'http.error', status: 404, route: '/api/signals/:id', kind: 'signal-answer', attempts: 2, outcome: 'queued' }, 'x'));
    expect(line).toMatchObject({ event: 'http.error', status: 404, route: '/api/signals/:id', kind: 'signal-answer', attempts: 2, outcome: 'queued' });
  });
});
