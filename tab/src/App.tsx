import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Title2,
  makeStaticStyles,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, devSignOut, tokenFor } from './api';
import { PAGES, pageFor } from './pages';
import { SignIn } from './SignIn';
import { TeamsConsent } from './TeamsConsent';
import { strings, tabLocale, type TabStrings } from './strings';
import { loadHostContext, type TeamsTheme } from './teams-context';

const themes = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const pageFromHash = () => pageFor(window.location.hash);

// The theme's background reaches the window's edges (no white frame around the dark theme).
const useBodyStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  root: { minHeight: '100vh', padding: tokens.spacingHorizontalXL, boxSizing: 'border-box' },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // Six tabs are wider than a phone or Teams' side panel: they wrap onto a second line there.
  tabs: { flexWrap: 'wrap' },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '60rem', paddingTop: tokens.spacingVerticalL },
});

export function App() {
  const [theme, setTheme] = useState<TeamsTheme>('default');
  const [locale, setLocale] = useState(tabLocale(navigator.language));
  const [page, setPage] = useState(pageFromHash());
  const [inTeams, setInTeams] = useState<boolean>();
  const [signedIn, setSignedIn] = useState(false);
  const [signInFailed, setSignInFailed] = useState(false);
  const [tenantId, setTenantId] = useState<string>();
  const styles = useStyles();
  useBodyStyles();
  const t: TabStrings = strings[locale];

  useEffect(() => {
    loadHostContext(setTheme).then((ctx) => {
      setTheme(ctx.theme);
      setLocale(tabLocale(ctx.locale));
      setInTeams(ctx.inTeams);
      setTenantId(ctx.tenantId);
      // A link from a card names the page to open; the tab's own address says nothing yet.
      if (ctx.subPageId && !window.location.hash && PAGES.some((p) => p.path === ctx.subPageId)) window.location.hash = `#/${ctx.subPageId}`;
      // Only the Teams sign-in can fail here; outside Teams there is a token or the development sign-in.
      tokenFor(ctx.inTeams).then((token) => setSignedIn(Boolean(token)), () => setSignInFailed(true));
    });
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // A sign-in that fails later (a token renewed in Teams) is said in the user's language, not teamsfx's.
  const client = useMemo(
    () => api(() => tokenFor(Boolean(inTeams)).catch(() => Promise.reject(new ApiError(401, t.signIn.teamsFailed))), locale),
    [inTeams, locale, signedIn, t],
  );

  return (
    <FluentProvider theme={themes[theme]} className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1">{t.title}</Title2>
        <TabList
          selectedValue={page.path}
          onTabSelect={(_, data) => {
            window.location.hash = `#/${String(data.value)}`;
          }}
          aria-label={t.title}
          className={styles.tabs}
        >
          {PAGES.map(({ path, label }) => (
            <Tab key={path} value={path}>
              {label(t)}
            </Tab>
          ))}
        </TabList>
        {inTeams === false && signedIn && (
          <Button
            appearance="subtle"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => {
              devSignOut();
              setSignedIn(false);
            }}
          >
            {t.signIn.signOut}
          </Button>
        )}
      </header>
      <main className={styles.main} aria-labelledby="page-heading">
        <Title2 as="h2" id="page-heading">
          {page.heading(t)}
        </Title2>
        {signInFailed ? (
          <TeamsConsent
            t={t}
            tenantId={tenantId}
            onSignedIn={() => {
              setSignInFailed(false);
              setSignedIn(true);
            }}
          />
        ) : inTeams === false && !signedIn ? (
          <SignIn t={t} onSignedIn={() => setSignedIn(true)} />
        ) : inTeams === undefined ? null : (
          <page.Page key={`${page.path}:${String(signedIn)}`} api={client} t={t} locale={locale} />
        )}
        <MessageBar intent="warning">
          <MessageBarBody>{t.urgent}</MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
