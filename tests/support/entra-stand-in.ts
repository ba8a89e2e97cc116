import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import type { EntraSettings } from '../../bot/src/platform/http/tab-auth';

export const TEST_TENANT = '11111111-2222-4333-8444-555555555555';
export const TEST_CLIENT_ID = '99999999-8888-4777-8666-555555555555';
export const TEST_APP_ID_URI = `api://localhost/${TEST_CLIENT_ID}`;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/**
 * A stand-in for Entra ID's signing keys: a local key set served as JWKS, and tokens signed with it as
 * Entra would sign them for the tab's API (v2 issuer, audience the App ID URI, tenant, object id, roles).
 */
export class EntraStandIn {
  private server?: Server;
  private keys!: KeyPair;
  /** Keys that sign but are not published: a token signed with them must be refused. */
  private strangerKeys!: KeyPair;

  get jwksUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/keys`;
  }

  /** The tab's Entra settings that trust this stand-in, as config holds them. */
  get tabSettings(): EntraSettings {
    return { tenantId: TEST_TENANT, clientId: TEST_CLIENT_ID, appIdUri: TEST_APP_ID_URI, jwksUrl: this.jwksUrl };
  }

  /** The same settings as a service process reads them from its environment. */
  get tabEnv(): Record<string, string> {
    return { TAB_CLIENT_ID: TEST_CLIENT_ID, TAB_APP_ID_URI: TEST_APP_ID_URI, TAB_TENANT_ID: TEST_TENANT, TAB_JWKS_URL: this.jwksUrl };
  }

  async start(): Promise<this> {
    this.keys = await generateKeyPair('RS256');
    this.strangerKeys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(this.keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => {
      res.writeHead(req.url === '/keys' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.url === '/keys' ? JSON.stringify({ keys: [jwk] }) : '{}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** A token as Entra issues it for the tab; `change` alters claims (or `exp` in seconds since the epoch). */
  async token(oid: string, change: JWTPayload & { signWith?: 'stranger' } = {}): Promise<string> {
    const { signWith, ...claims } = change;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ tid: TEST_TENANT, oid, roles: [], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer((claims.iss as string) ?? `https://login.microsoftonline.com/${TEST_TENANT}/v2.0`)
      .setAudience((claims.aud as string) ?? TEST_APP_ID_URI)
      .setIssuedAt(now - 60)
      .setExpirationTime((claims.exp as number) ?? now + 3600)
      .sign(signWith === 'stranger' ? this.strangerKeys.privateKey : this.keys.privateKey);
  }

  /** An unsigned token (`alg: none`) with valid-looking claims. */
  unsigned(oid: string): string {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: `https://login.microsoftonline.com/${TEST_TENANT}/v2.0`, aud: TEST_APP_ID_URI, tid: TEST_TENANT, oid, exp: now + 3600 })}.`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
