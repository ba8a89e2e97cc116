import { type Attributes, SpanKind } from '@opentelemetry/api';
import { REDACTED, type RedactableSpan, redactSpan, safePath, UNMATCHED } from '../../bot/src/platform/telemetry/redaction';

/** A finished span as the SDK hands it to a processor, with what the HTTP instrumentation records. */
function span(kind: SpanKind, attributes: Attributes, events: RedactableSpan['events'] = []): RedactableSpan {
  return { kind, attributes: { ...attributes }, events, status: { message: 'duplicate key value violates unique constraint: Key (aad_object_id)=(aad-1)' } };
}

describe('what a span may carry to Azure Monitor', () => {
  it('names a served request by its route: no ids, no query string (calendar tokens), no client address or user agent', () => {
    const s = span(SpanKind.SERVER, {
      'http.request.method': 'GET',
      'http.route': '/api/workshops/:id/calendar.ics',
      'url.scheme': 'https',
      'url.path': '/api/workshops/0b9e5a6e-2f7c-4d7e-9a51-3c2a1e0f9d11/calendar.ics',
      'url.query': 't=Tq3xZ8vLw2Kp9sRb4nYc7mHd5gFj6aE1',
      'client.address': '203.0.113.7',
      'network.peer.address': '10.0.0.4',
      'network.peer.port': 51234,
      'user_agent.original': 'Mozilla/5.0 (Windows NT 10.0) Teams/24000',
      'http.response.status_code': 200,
    });
    redactSpan(s);
    expect(s.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': '/api/workshops/:id/calendar.ics',
      'url.scheme': 'https',
      'url.path': '/api/workshops/:id/calendar.ics',
      'http.response.status_code': 200,
    });
    expect(s.status.message).toBeUndefined();
  });

  it('names a request no route took by nothing its sender chose', () => {
    const s = span(SpanKind.SERVER, { 'url.path': '/api/pool/fac-bzk-anouk/oops', 'http.target': '/api/pool/fac-bzk-anouk/oops?x=1' });
    redactSpan(s);
    expect(s.attributes).toEqual({ 'url.path': UNMATCHED, 'http.target': UNMATCHED });
  });

  it('keeps an outgoing call\'s host and the kind of each path segment, not the Teams conversation or activity in it', () => {
    const s = span(SpanKind.CLIENT, {
      'url.full': 'https://smba.trafficmanager.net/emea/v3/conversations/a%3A1xK9vQ_personal-chat/activities/1733140000000?x=1#f',
      'http.url': 'https://user:secret@login.microsoftonline.com/0b9e5a6e-2f7c-4d7e-9a51-3c2a1e0f9d11/oauth2/v2.0/token?client_id=abc',
      'server.address': 'smba.trafficmanager.net',
    });
    redactSpan(s);
    expect(s.attributes).toEqual({
      'url.full': 'https://smba.trafficmanager.net/emea/v3/conversations/:id/activities/:id',
      'http.url': 'https://login.microsoftonline.com/:id/oauth2/v2.0/token',
      'server.address': 'smba.trafficmanager.net',
    });
  });

  it('drops a URL attribute that is no URL rather than guess at it', () => {
    const s = span(SpanKind.CLIENT, { 'url.full': 'not a url 29:user-1' });
    redactSpan(s);
    expect(s.attributes['url.full']).toBe(REDACTED);
  });

  it('keeps an exception\'s type and frames, never its message (a database error quotes values)', () => {
    const attributes: Attributes = {
      'exception.type': 'DatabaseError',
      'exception.message': 'Key (aad_object_id)=(aad-1) already exists',
      'exception.stacktrace': 'DatabaseError: Key (aad_object_id)=(aad-1) already exists\n    continued text of the message\n    at Parser.parseErrorMessage (parser.js:285:98)\n    at Socket.<anonymous> (index.js:36:17)',
    };
    const s = span(SpanKind.INTERNAL, {}, [{ name: 'exception', attributes }]);
    redactSpan(s);
    expect(attributes).toEqual({
      'exception.type': 'DatabaseError',
      'exception.message': REDACTED,
      'exception.stacktrace': '    at Parser.parseErrorMessage (parser.js:285:98)\n    at Socket.<anonymous> (index.js:36:17)',
    });
  });

  it.each([
    ['/v3/conversations', '/v3/conversations'],
    ['/api/signals/6c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5/answer', '/api/signals/:id/answer'],
    ['/v3/conversations/19%3Ameeting_abc%40thread.v2/activities', '/v3/conversations/:id/activities'],
    ['/tab/assets/index-9f8e7d6c.js', '/tab/assets/:id'],
    ['/common/discovery/v2.0/keys', '/common/discovery/v2.0/keys'],
    ['/users/someone@example.org', '/users/:id'],
    ['/a/' + 'x'.repeat(40), '/a/:id'],
    ['/calendar.ics?t=abc', '/calendar.ics'],
  ])('makes the path %s safe as %s', (path, safe) => {
    expect(safePath(path)).toBe(safe);
  });
});
