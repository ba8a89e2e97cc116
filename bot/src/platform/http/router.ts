import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { mayCall, type Principal, type Role } from './principal';
import { appStrings, type AppStrings, chooseLocale, type Locale, type LocaleSetting } from '../i18n/locale';
import type { Logger } from '../logging/logger';
import type { RateDecision } from '../limits/rate-limits';
import { discardUnreadBody, readJson } from './body-limits';
import { apiAnswer } from './error-answers';
import { answerTooMany, type RequestLimits } from '../limits/request-limits';
import { AuthError, type TabAuthenticator } from './tab-auth';
import { type FieldProblem, fieldProblems } from './field-problems';

/** Tab API bodies are small forms; anything larger is refused before it is parsed. */
export const MAX_API_BODY_BYTES = 64 * 1024;

export interface ApiContext<P, Q, B> {
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  /** The caller's language, for a feature's own words, and the app's words in it. */
  locale: Locale;
  t: AppStrings;
}

export interface ApiReply {
  status?: number;
  body: unknown;
}

/** One route of the tab API: the roles it needs (none: anyone signed in) and a schema for each input. */
export interface ApiRoute<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'put' | 'del';
  path: string;
  roles: readonly Role[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  handle(context: ApiContext<P, Q, B>): Promise<ApiReply>;
}

/** Keeps each route's input types while routes of different shapes share one list. */
export const route = <P, Q, B>(r: ApiRoute<P, Q, B>): ApiRoute<P, Q, B> => r;

export interface ApiDependencies {
  authenticator: TabAuthenticator;
  /** Roles the database gives (e.g. a facilitator of the pool), added to the token's app roles. */
  rolesOf(aadObjectId: string): Promise<Role[]>;
  locale: LocaleSetting;
  limits: RequestLimits;
  logger: Logger;
}

/**
 * Mounts the tab API. Every route counts the request against the limits, authenticates, checks its declared
 * roles here (and nowhere else), only then reads the body (JSON, at most MAX_API_BODY_BYTES however it is sent),
 * validates params, query and body, and answers JSON; a refusal is 429/401/403/413/400 with a message in the
 * caller's language, is logged without who it was, and changes nothing. A body that does not fit its schema is
 * answered with each wrong field and why (`fields`), to show beside the field.
 */
export function mountApi(server: Server, routes: ReadonlyArray<ApiRoute<any, any, any>>, deps: ApiDependencies): void {
  const readQuery = restify.plugins.queryParser({ mapParams: false });
  for (const r of routes) {
    server[r.method](r.path, readQuery, async (req: Request, res: Response) => {
      const locale = chooseLocale(deps.locale, req.header('accept-language'));
      const t = appStrings(locale);
      const logRefusal = (status: number, error: string) =>
        deps.logger.info({ event: 'api.refused', route: r.path, method: r.method, status, error }, 'api request refused');
      const refuse = (status: number) => {
        const answer = apiAnswer(status, t);
        logRefusal(status, answer.error);
        discardUnreadBody(req);
        res.json(status, answer);
      };
      const tooMany = (decision: RateDecision) => {
        logRefusal(429, 'too-many');
        discardUnreadBody(req);
        answerTooMany(res, t, decision);
      };
      let principal: Principal;
      try {
        // By address first, signed in or not; then by person, whose share is one however many addresses they use.
        const fromAddress = await deps.limits.fromAddress(req);
        if (!fromAddress.allowed) return tooMany(fromAddress);
        const who = await deps.authenticator.authenticate(req.header('authorization'));
        const forPerson = await deps.limits.forPerson(who.tenantId, who.aadObjectId);
        if (!forPerson.allowed) return tooMany(forPerson);
        const fromDatabase = await deps.rolesOf(who.aadObjectId);
        principal = { aadObjectId: who.aadObjectId, tenantId: who.tenantId, roles: [...new Set([...who.appRoles, ...fromDatabase])] };
      } catch (error) {
        if (error instanceof AuthError) return refuse(401);
        deps.logger.error({ event: 'api.failed', route: r.path, error: (error as Error).name }, 'api request failed');
        return refuse(500);
      }
      if (!mayCall(principal, r.roles)) return refuse(403);
      const read = r.body ? await readJson(req, MAX_API_BODY_BYTES) : { ok: true as const, value: {} };
      if (!read.ok) return refuse(read.status);
      const params = (r.params ?? passthrough).safeParse(req.params ?? {});
      const query = (r.query ?? passthrough).safeParse(req.query ?? {});
      const body = (r.body ?? passthrough).safeParse(read.value);
      if (!params.success || !query.success) return refuse(400);
      if (!body.success) {
        logRefusal(400, 'invalid');
        return res.json(400, invalidFields(t, fieldProblems(body.error.issues, t)));
      }
      try {
        const reply = await r.handle({ principal, params: params.data, query: query.data, body: body.data, locale, t });
        res.json(reply.status ?? 200, reply.body);
      } catch (error) {
        deps.logger.error({ event: 'api.failed', route: r.path, error: (error as Error).name }, 'api request failed');
        refuse(500);
      }
    });
  }
}

/** The 400 answer for a body with wrong fields: `{ error, message, fields: [{ path, reason }] }`. */
export const invalidFields = (t: AppStrings, fields: FieldProblem[]) => ({ ...apiAnswer(400, t), fields });

/** A refusal in the API's shape, `{error, message}`, as every route answers it. */
export const refusal = (status: number, t: AppStrings) => ({ status, body: apiAnswer(status, t) });

/** A path parameter that must be a UUID. */
export const uuidParam = (name: string) => z.object({ [name]: z.string().uuid() });

const passthrough = { safeParse: (v: unknown) => ({ success: true as const, data: v }) } as unknown as z.ZodType<unknown>;
