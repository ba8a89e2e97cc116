import type { z } from 'zod';
import { format, type AppStrings } from '../i18n/locale';

/** A field of a request body the API refused: its path ("contact.phone", as zod names it) and why, in the caller's language. */
export interface FieldProblem {
  path: string;
  reason: string;
}

type Reason = keyof AppStrings['fieldReasons'];

/**
 * Why each field of a body was refused, one reason per field (the first). A schema names a reason its kind of
 * issue cannot tell (a phone number's pattern) by giving the issue a key of `t.fieldReasons` as its message.
 */
export function fieldProblems(issues: readonly z.ZodIssue[], t: AppStrings): FieldProblem[] {
  const problems = new Map<string, string>();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (!problems.has(path)) problems.set(path, reasonFor(issue, t.fieldReasons));
  }
  return [...problems].map(([path, reason]) => ({ path, reason }));
}

function reasonFor(issue: z.ZodIssue, r: AppStrings['fieldReasons']): string {
  if (Object.hasOwn(r, issue.message)) return r[issue.message as Reason];
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return r.chooseOne;
      return issue.origin === 'string' && Number(issue.minimum) <= 1 ? r.required : r.other;
    case 'too_big':
      return issue.origin === 'string' ? format(r.tooLong, { maximum: Number(issue.maximum) }) : r.other;
    case 'invalid_format':
      if (issue.format === 'email') return r.email;
      if (issue.format === 'url') return r.url;
      if (issue.format === 'starts_with' && 'prefix' in issue) return format(r.startsWith, { prefix: String(issue.prefix) });
      return r.other;
    case 'invalid_value':
    case 'invalid_union':
      return r.choice;
    default:
      return r.other;
  }
}
