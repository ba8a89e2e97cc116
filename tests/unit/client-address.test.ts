import { addressKey, clientAddress } from '../../bot/src/platform/http/client-address';

const request = (remoteAddress: string, forwardedFor?: string | string[]) => ({
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  socket: { remoteAddress },
});

describe('the client address', () => {
  it('is the connection\'s own when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('::ffff:192.0.2.10', '203.0.113.5'), 0)).toBe('192.0.2.10');
    expect(clientAddress(request('2001:db8::10'), 0)).toBe('2001:db8::10');
  });

  it('is the entry the trusted proxies wrote, counted from the right; what the client wrote before it is never read', () => {
    expect(clientAddress(request('10.0.0.4', '203.0.113.5:51234'), 1)).toBe('203.0.113.5');
    expect(clientAddress(request('10.0.0.4', '198.51.100.1, 203.0.113.5:51234'), 1)).toBe('203.0.113.5');
    expect(clientAddress(request('10.0.0.4', ['198.51.100.1', '203.0.113.5']), 1)).toBe('203.0.113.5');
    expect(clientAddress(request('10.0.0.4', '198.51.100.1, 203.0.113.5, 10.0.0.9'), 2)).toBe('203.0.113.5');
    expect(clientAddress(request('10.0.0.4', '[2001:db8::7]:443'), 1)).toBe('2001:db8::7');
  });

  it('is the connection\'s own when a request did not pass every trusted proxy', () => {
    expect(clientAddress(request('::ffff:192.0.2.10'), 1)).toBe('192.0.2.10');
    expect(clientAddress(request('192.0.2.10', '203.0.113.5'), 2)).toBe('192.0.2.10');
    expect(clientAddress(request('192.0.2.10', ' , '), 1)).toBe('192.0.2.10');
  });

  it('counts IPv4 by address and IPv6 by its /64', () => {
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::99')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:ffff::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('not an address')).toBe('not an address');
  });
});
