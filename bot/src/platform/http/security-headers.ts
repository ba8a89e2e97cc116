import type { Next, Request, Response } from 'restify';

/** The hosts Teams documents as the frames a tab runs in (Teams, Outlook, Microsoft 365). */
export const TEAMS_FRAME_ANCESTORS = [
  'teams.microsoft.com',
  '*.teams.microsoft.com',
  '*.cloud.microsoft',
  '*.microsoft365.com',
  '*.office.com',
  'outlook.office.com',
  'outlook.office365.com',
];

export const TAB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI writes its styles at run time (Griffel), which needs inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // teams-js fetches its list of valid host origins from Microsoft's CDN.
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/**
 * Headers on every response; HSTS only where TLS terminates in front of us (production). No CORS header
 * anywhere: the tab calls its API from its own origin, and the Bot Connector is no browser.
 */
export function securityHeaders(production: boolean) {
  return (req: Request, res: Response, next: Next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    res.header('Content-Security-Policy', TAB_CONTENT_SECURITY_POLICY);
    if (production) res.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // API answers carry people's data (signals, planning): no browser or proxy is to keep a copy.
    if (req.getPath().startsWith('/api/')) res.header('Cache-Control', 'no-store');
    return next();
  };
}
