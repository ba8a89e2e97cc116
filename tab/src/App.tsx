import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  Title2,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { strings, tabLocale, type TabStrings } from './strings';
import { loadHostContext, type TeamsTheme } from './teams-context';

const themes = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

type Page = 'planning' | 'doorverwijzen';
const pageFromHash = (): Page => (window.location.hash.includes('doorverwijzen') ? 'doorverwijzen' : 'planning');

const useStyles = makeStyles({
  root: { minHeight: '100vh', padding: tokens.spacingHorizontalXL, boxSizing: 'border-box' },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '60rem', paddingTop: tokens.spacingVerticalL },
});

export function App() {
  const [theme, setTheme] = useState<TeamsTheme>('default');
  const [locale, setLocale] = useState(tabLocale(navigator.language));
  const [page, setPage] = useState<Page>(pageFromHash());
  const styles = useStyles();
  const t: TabStrings = strings[locale];

  useEffect(() => {
    loadHostContext(setTheme).then((ctx) => {
      setTheme(ctx.theme);
      setLocale(tabLocale(ctx.locale));
    });
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const section = page === 'planning' ? t.planning : t.referrals;
  return (
    <FluentProvider theme={themes[theme]} className={styles.root}>
      <header>
        <Title2 as="h1">{t.title}</Title2>
        <TabList
          selectedValue={page}
          onTabSelect={(_, data) => {
            window.location.hash = `#/${String(data.value)}`;
          }}
          aria-label={t.title}
        >
          <Tab value="planning">{t.nav.planning}</Tab>
          <Tab value="doorverwijzen">{t.nav.referrals}</Tab>
        </TabList>
      </header>
      <main className={styles.main} aria-labelledby="page-heading">
        <Title2 as="h2" id="page-heading">
          {section.heading}
        </Title2>
        <Text>{section.soon}</Text>
        <MessageBar intent="warning">
          <MessageBarBody>{t.urgent}</MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
