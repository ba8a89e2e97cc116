import { createDOMRenderer, FluentProvider, RendererProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { strings, type TabLocale } from '../../tab/src/strings';

/**
 * Fluent's styles are left out of the page's document unless a test asks for them: jsdom matches every style rule
 * against every element each time a query asks whether an element is hidden, and copies the theme's hundreds of
 * variables one by one into the style it computes for the provider. That took two thirds of a page test's time, and
 * it shows nothing a test can see: jsdom lays nothing out and does not resolve variables. Checked: after every page
 * test, no element on these pages was hidden by a Fluent style (closed menus and dialogs are not rendered at all). The
 * one that is, a tab's hidden copy of its label, is in the App's tab bar, which TeamsSignIn.test.tsx renders whole.
 */
const stylesElsewhere = createDOMRenderer(document.implementation.createHTMLDocument('fluent-styles'));

// Styles applied for one test are taken away after it, so that the tests after it stay quick.
const APPLIED = 'data-applied-for-one-test';
afterEach(() => document.head.querySelectorAll(`style[${APPLIED}]`).forEach((style) => style.remove()));

/** Renders inside the providers the tab's App uses, as the pages always are. */
export const renderInTheme = (ui: ReactElement, styles: 'left out' | 'applied' = 'left out') => {
  const applied = styles === 'applied';
  const renderer = applied ? createDOMRenderer(document, { styleElementAttributes: { [APPLIED]: '' } }) : stylesElsewhere;
  return render(
    <RendererProvider renderer={renderer} targetDocument={document}>
      <FluentProvider theme={applied ? teamsLightTheme : {}}>{ui}</FluentProvider>
    </RendererProvider>,
  );
};

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
