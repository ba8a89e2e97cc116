import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { strings, type TabLocale } from '../../tab/src/strings';

/** Renders inside the theme provider the tab's App uses, as the pages always are. */
export const renderInTheme = (ui: ReactElement) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);

/** The props every page takes for one locale, less the api. */
export const inLocale = (locale: TabLocale) => ({ t: strings[locale], locale });
