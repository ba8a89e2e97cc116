import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { strings, type TabLocale } from '../../tab/src/strings';

/** Renders inside the theme provider the tab's App uses, as the pages always are. */
export const renderInTheme = (ui: ReactElement) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);

/** The props every page takes for one locale, less the api. */
export const inLocale = (locale: TabLocale) => ({ t: strings[locale], locale });

/** A table's column headers, as read. */
export const headersOf = (table: HTMLElement) => within(table).getAllByRole('columnheader').map((h) => h.textContent);

/** A table's body rows, each as the texts of its cells. */
export const cellsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));

/**
 * Whether a button is drawn busy: its request is on its way, it takes no clicks (aria-disabled, so it keeps focus)
 * and says so to a screen reader (aria-busy, and its name ends in "(bezig)" or "(busy)").
 */
export const isBusy = (button: HTMLElement) => button.getAttribute('aria-disabled') === 'true' && button.getAttribute('aria-busy') === 'true';
