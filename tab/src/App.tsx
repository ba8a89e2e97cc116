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
import { PlanningPage } from './PlanningPage';
import { ReferralsPage } from './ReferralsPage';
import { SignIn } from './SignIn';
import { TeamsConsent } from './TeamsConsent';
import { SignalsPage } from './SignalsPage';
import { InsightsPage } from './InsightsPage';
import { PoolPage } from './PoolPage';
import { KaartPage } from './KaartPage';
import { strings, tabLocale, type TabStrings } from './strings';
import { loadHostContext, type TeamsTheme } from './teams-context';

const themes = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const PAGES = ['planning', 'doorverwijzen', 'signalen', 'pool', 'kaart', 'inzicht'] as const;
type Page = (typeof PAGES)[number];
const pageFromHash = (): Page => PAGES.find((p) => window.location.hash === `#/${p}`) ?? 'planning';

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
  const [page, setPage] = useState<Page>(pageFromHash());
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
  const heading = { planning: t.planning.heading, doorverwijzen: t.referrals.heading, signalen: t.signals.heading, pool: t.pool.heading, kaart: t.kaart.heading, inzicht: t.insights.heading }[page];

  return (
    <FluentProvider theme={themes[theme]} className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1">{t.title}</Title2>
        <TabList
          selectedValue={page}
          onTabSelect={(_, data) => {
            window.location.hash = `#/${String(data.value)}`;
          }}
          aria-label={t.title}
          className={styles.tabs}
        >
          <Tab value="planning">{t.nav.planning}</Tab>
          <Tab value="doorverwijzen">{t.nav.referrals}</Tab>
          <Tab value="signalen">{t.nav.signals}</Tab>
          <Tab value="pool">{t.nav.pool}</Tab>
          <Tab value="kaart">{t.nav.kaart}</Tab>
          <Tab value="inzicht">{t.nav.insights}</Tab>
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
          {heading}
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
        ) : inTeams === undefined ? null : page === 'planning' ? (
          <PlanningPage key={String(signedIn)} api={client} t={t} locale={locale} />
        ) : page === 'signalen' ? (
          <SignalsPage key={String(signedIn)} api={client} t={t} locale={locale} />
        ) : page === 'pool' ? (
          <PoolPage key={String(signedIn)} api={client} t={t} locale={locale} />
        ) : page === 'kaart' ? (
          <KaartPage key={String(signedIn)} api={client} t={t} locale={locale} />
        ) : page === 'inzicht' ? (
          <InsightsPage key={String(signedIn)} api={client} t={t} locale={locale} />
        ) : (
          <ReferralsPage api={client} t={t} locale={locale} />
        )}
        <MessageBar intent="warning">
          <MessageBarBody>{t.urgent}</MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
