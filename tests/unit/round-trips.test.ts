import fc from 'fast-check';
import { RoundTripParser } from '../../bench/round-trips';

/** A message of PostgreSQL's frontend protocol: a type byte, then its length (itself included) and its body. */
const message = (type: string, body: Buffer = Buffer.alloc(0)) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
};
const untyped = (body: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeInt32BE(4 + body.length, 0);
  return Buffer.concat([head, body]);
};
const sslRequest = () => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(80877103, 0);
  return untyped(b);
};
const startup = untyped(Buffer.from('\u0000\u0003\u0000\u0000user\u0000postgres\u0000\u0000', 'latin1'));
/** One statement with parameters, as pg sends it: Parse, Bind, Describe, Execute, Sync. */
const extended = (sql: string) => Buffer.concat([message('P', Buffer.from(`\u0000${sql}\u0000\u0000\u0000`, 'latin1')), message('B', Buffer.alloc(12)), message('D', Buffer.from('P\u0000', 'latin1')), message('E', Buffer.alloc(5)), message('S')]);

describe('counting round trips on PostgreSQL\'s wire', () => {
  it('counts a simple query and an extended statement as one each, and not the startup or an SSL request', () => {
    const parser = new RoundTripParser();
    parser.feed(Buffer.concat([sslRequest(), startup, message('Q', Buffer.from('BEGIN\u0000', 'latin1')), extended('SELECT $1::int'), message('Q', Buffer.from('COMMIT\u0000', 'latin1'))]));
    expect(parser.count).toBe(3);
  });

  it('counts the same however the stream is cut into chunks', () => {
    const stream = Buffer.concat([startup, extended('SELECT 1'), message('Q', Buffer.from('SELECT 2\u0000', 'latin1')), extended('INSERT INTO t VALUES ($1)'), message('p', Buffer.from('password\u0000', 'latin1'))]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 30 }), (cuts) => {
        const parser = new RoundTripParser();
        let from = 0;
        for (const at of [...cuts].sort((a, b) => a - b)) {
          parser.feed(stream.subarray(from, at));
          from = at;
        }
        parser.feed(stream.subarray(from));
        expect(parser.count).toBe(3);
      }),
    );
  });
});
