import type { Request, Response } from 'restify';
import { chooseLocale, type LocaleSetting, appStrings, type AppStrings } from '../i18n/locale';

/** The API's answer for each status it refuses with, whether a route or restify itself refuses. */
const ANSWERS: Record<number, { error: string; message: (t: AppStrings) => string }> = {
  400: { error: 'invalid', message: (t) => t.api.invalid },
  401: { error: 'unauthenticated', message: (t) => t.api.unauthenticated },
  403: { error: 'forbidden', message: (t) => t.api.forbidden },
  404: { error: 'not-found', message: (t) => t.api.notFound },
  405: { error: 'method-not-allowed', message: (t) => t.api.invalid },
  413: { error: 'too-large', message: (t) => t.api.tooLarge },
  415: { error: 'unsupported-media-type', message: (t) => t.api.invalid },
};

/** The API's refusal body, `{error, message}`, for a status; `error` names a more precise reason where there is one. */
export function apiAnswer(status: number, t: AppStrings, error?: string): { error: string; message: string } {
  const answer = ANSWERS[status] ?? (status >= 500 ? { error: 'internal', message: (s: AppStrings) => s.api.internal } : ANSWERS[400]!);
  return { error: error ?? answer.error, message: answer.message(t) };
}

/**
 * What no route handler answers (an unknown path or method, a body that is not JSON, one larger than its route
 * takes) restify answers in its own shape, `{code, message}`, in English, its message quoting what was sent.
 * Such an answer gets the API's shape instead, `{error, message}`, in the caller's language.
 */
export function answerInApiShape(req: Request, res: Response, status: number, locale: LocaleSetting, error?: string): void {
  res.json(status, apiAnswer(status, appStrings(chooseLocale(locale, req.header('accept-language'))), error));
}
