import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { APP_ROLE_VALUES, type Principal, type Role } from './principal';

/** Why a request was not authenticated; the answer says only "not signed in", the log says which. */
export class AuthError extends Error {
  constructor(readonly reason: 'missing' | 'invalid' | 'not-configured') {
    super(reason);
    this.name = 'AuthError';
  }
}

export interface EntraSettings {
  tenantId: string;
  /** The tab app's client id and App ID URI (`api://<domain>/<client id>`): either may be the audience. */
  clientId: string;
  appIdUri: string;
  /** Where the tenant's signing keys are; Microsoft's by default, a local key set in tests. */
  jwksUrl: string;
}

export interface TabAuthenticator {
  authenticate(authorization: string | undefined): Promise<Omit<Principal, 'roles'> & { appRoles: Role[] }>;
}

const bearer = (header: string | undefined) => {
  const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header ?? '');
  if (!match) throw new AuthError('missing');
  return match[1]!;
};

function appRolesOf(payload: JWTPayload): Role[] {
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  return roles.flatMap((r) => (typeof r === 'string' && APP_ROLE_VALUES[r] ? [APP_ROLE_VALUES[r]!] : []));
}

/**
 * Production: an Entra ID access token for the tab's API, checked for signature (the tenant's JWKS,
 * RS256 only, so `alg: none` and HMAC tokens fail), issuer (v1 or v2 of this tenant), audience, expiry and
 * tenant.
 */
export class EntraTabAuthenticator implements TabAuthenticator {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly settings: EntraSettings) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 6 * 60 * 60 * 1000 });
  }

  async authenticate(authorization: string | undefined) {
    const token = bearer(authorization);
    const { tenantId, clientId, appIdUri } = this.settings;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
        audience: [appIdUri, clientId],
        clockTolerance: 60,
        requiredClaims: ['exp', 'oid', 'tid'],
      }));
    } catch {
      throw new AuthError('invalid');
    }
    if (payload.tid !== tenantId || typeof payload.oid !== 'string') throw new AuthError('invalid');
    return { aadObjectId: payload.oid, tenantId, appRoles: appRolesOf(payload) };
  }
}

/** Production without tab settings: the API answers nobody. */
export class UnconfiguredTabAuthenticator implements TabAuthenticator {
  async authenticate(): Promise<never> {
    throw new AuthError('not-configured');
  }
}

/** Fictional people to try the tab as, in development only. */
export const DEV_PERSONAS = {
  // Henk Jansen (Belastingdienst) of the seeded pool, and Anouk Verbeek (BZK), who is asked for a Belastingdienst
  // team: the pool prefers facilitators from outside the team (tests/unit/seeded-pool.test.ts).
  facilitator: { aadObjectId: '6f1c0a10-0000-4000-8000-000000000006', roles: ['facilitator'] as Role[] },
  facilitatorBzk: { aadObjectId: '6f1c0a10-0000-4000-8000-000000000001', roles: ['facilitator'] as Role[] },
  // Erik Mulder, who handles J&V's inboxes.
  counsellor: { aadObjectId: 'de000000-0000-4000-8000-00000000c002', roles: ['counsellor'] as Role[] },
  coordinator: { aadObjectId: 'de000000-0000-4000-8000-00000000c0c0', roles: ['coordinator'] as Role[] },
  // Noor Hendriks, who coordinates Financiën's counsellor network (and sees the Belastingdienst, a part of it).
  network: { aadObjectId: 'de000000-0000-4000-8000-00000000c0a1', roles: ['network'] as Role[] },
  medewerker: { aadObjectId: 'de000000-0000-4000-8000-00000000e001', roles: [] as Role[] },
} as const;
export type DevPersona = keyof typeof DEV_PERSONAS;

const DEV_ISSUER = 'sociaal-veilig-development';
const DEV_TENANT = '00000000-0000-4000-8000-000000000de0';

/**
 * Development mode: a sign-in that picks a fictional persona, with tokens signed by a key that lives only in
 * this process. It exists only when the service runs in development mode; production never constructs it.
 */
export class DevelopmentTabAuthenticator implements TabAuthenticator {
  private readonly secret = randomBytes(32);

  async signIn(persona: DevPersona): Promise<string> {
    const p = DEV_PERSONAS[persona];
    return new SignJWT({ roles: p.roles, tid: DEV_TENANT, oid: p.aadObjectId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(DEV_ISSUER)
      .setIssuedAt()
      .setExpirationTime('8h')
      .sign(this.secret);
  }

  async authenticate(authorization: string | undefined) {
    const token = bearer(authorization);
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'], issuer: DEV_ISSUER });
      const roles = (Array.isArray(payload.roles) ? payload.roles : []) as Role[];
      return { aadObjectId: String(payload.oid), tenantId: String(payload.tid), appRoles: roles };
    } catch {
      throw new AuthError('invalid');
    }
  }
}
