import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import type { Config } from '../../bot/src/config/config';

/** The issuer of every token the Bot Connector sends to a bot (public cloud). */
const BOT_CONNECTOR_ISSUER = 'https://api.botframework.com';
export const TEST_BOT_APP_ID = '5e570000-0000-4000-8000-00000000b071';
export const TEST_BOT_TENANT = '5e570000-0000-4000-8000-0000000000d1';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/** How a test token differs from the one the Bot Connector would send. */
export interface TokenChange extends JWTPayload {
  /** 'stranger': a key nobody published, under the published key's id; 'webchat': a published key endorsed for Web Chat only. */
  signWith?: 'stranger' | 'webchat';
}

const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/**
 * A stand-in for the Bot Framework's token signing: an OpenID metadata document and its key set (RSA keys
 * with the channels each is endorsed for, as login.botframework.com publishes them), and tokens signed as
 * the Bot Connector signs them for a bot: issuer https://api.botframework.com, audience the bot's app id, the
 * activity's service URL in `serviceurl`, an hour's lifetime. The service's BOT_OPENID_METADATA_URL points here.
 */
export class BotFrameworkStandIn {
  /** How often the service fetched the metadata and the keys. */
  readonly fetches = { metadata: 0, keys: 0 };
  private server?: Server;
  private teams!: KeyPair;
  private webchat!: KeyPair;
  private stranger!: KeyPair;

  private get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** A single-tenant bot identity whose tokens this stand-in signs, as config holds it. */
  get botSettings(): NonNullable<Config['bot']> {
    return { appId: TEST_BOT_APP_ID, password: 'not-a-real-secret', type: 'SingleTenant', tenantId: TEST_BOT_TENANT, openIdMetadataUrl: this.metadataUrl };
  }

  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    [this.teams, this.webchat, this.stranger] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256'), generateKeyPair('RS256')]);
    const published = async (keys: KeyPair, kid: string, endorsements: string[]) => ({ ...(await exportJWK(keys.publicKey)), kty: 'RSA', use: 'sig', kid, endorsements });
    const keySet = { keys: [await published(this.teams, 'bf-teams', ['msteams', 'skype']), await published(this.webchat, 'bf-webchat', ['webchat'])] };
    this.server = createServer((req, res) => {
      const json = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/v1/.well-known/openidconfiguration') {
        this.fetches.metadata++;
        return json(200, {
          issuer: BOT_CONNECTOR_ISSUER,
          authorization_endpoint: 'https://invalid.botframework.com',
          jwks_uri: `${this.base}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (req.url === '/v1/.well-known/keys') {
        this.fetches.keys++;
        return json(200, keySet);
      }
      return json(404, {});
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** A token as the Bot Connector sends it with an activity for `serviceUrl`; `change` alters claims or the key. */
  async token(serviceUrl: string, change: TokenChange = {}): Promise<string> {
    const { signWith, ...claims } = change;
    const now = Math.floor(Date.now() / 1000);
    const key = signWith === 'webchat' ? this.webchat : signWith === 'stranger' ? this.stranger : this.teams;
    return new SignJWT({ serviceurl: serviceUrl, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: signWith === 'webchat' ? 'bf-webchat' : 'bf-teams', typ: 'JWT' })
      .setIssuer((claims.iss as string) ?? BOT_CONNECTOR_ISSUER)
      .setAudience((claims.aud as string) ?? TEST_BOT_APP_ID)
      .setNotBefore((claims.nbf as number) ?? now - 300)
      .setExpirationTime((claims.exp as number) ?? now + 3600)
      .sign(key.privateKey);
  }

  /** An unsigned token (`alg: none`) with the claims of a good one; with `kid`, naming the published key. */
  unsigned(serviceUrl: string, kid?: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'none', typ: 'JWT', ...(kid ? { kid } : {}) };
    return `${part(header)}.${part({ iss: BOT_CONNECTOR_ISSUER, aud: TEST_BOT_APP_ID, serviceurl: serviceUrl, nbf: now - 300, exp: now + 3600 })}.`;
  }

  /** The old confusion attack: HS256 "signed" with the published public key (PEM) as the HMAC secret. */
  async hmacWithPublicKey(serviceUrl: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const input = `${part({ alg: 'HS256', typ: 'JWT', kid: 'bf-teams' })}.${part({ iss: BOT_CONNECTOR_ISSUER, aud: TEST_BOT_APP_ID, serviceurl: serviceUrl, nbf: now - 300, exp: now + 3600 })}`;
    const signature = createHmac('sha256', await exportSPKI(this.teams.publicKey)).update(input).digest('base64url');
    return `${input}.${signature}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
