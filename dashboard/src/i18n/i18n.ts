import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey, type Messages } from './en.ts';
import { nl } from './nl.ts';

/** The languages the dashboard speaks; add one by adding its messages here. */
export const languages = { en, nl } as const satisfies Record<string, Messages>;
export type Language = keyof typeof languages;
export const languageNames: Record<Language, string> = { en: 'English', nl: 'Nederlands' };

const storageKey = 'loyalty-loop.language';

/** The language chosen before in this browser, else the browser's first one we speak, else English. */
export function initialLanguage(): Language {
  const chosen = localStorage.getItem(storageKey);
  if (chosen && chosen in languages) return chosen as Language;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base && base in languages) return base as Language;
  }
  return 'en';
}

export function rememberLanguage(language: Language) {
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
}

/** Texts and formats of one language: numbers, dates and money as its readers write them. */
export function translator(language: Language) {
  const messages: Messages = languages[language];
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const number = (digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const numbers = [0, 1, 2].map(number);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const shortDateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const months = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' });
  const t = (key: MessageKey, params: Record<string, string | number | null | undefined> = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === null || value === undefined) return messages.notAvailable;
      return typeof value === 'number' ? formatNumber(value) : value;
    });
  const formatNumber = (value: number, digits = Number.isInteger(value) ? 0 : 1) =>
    (numbers[digits] ?? number(digits)).format(value);
  return {
    language,
    locale,
    t,
    /** A number, or "n/a" for none. */
    num: (value: number | null | undefined, digits?: number) =>
      value === null || value === undefined ? messages.notAvailable : formatNumber(value, digits),
    /** A share 0-1 as a percentage. */
    percent: (share: number | null | undefined) =>
      share === null || share === undefined
        ? messages.notAvailable
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share),
    money: (money: { amountMinor: number; currency: string } | null | undefined) => {
      if (!money) return messages.notAvailable;
      const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(money.amountMinor / 10 ** digits);
    },
    date: (iso: string | null | undefined) => (iso ? dates.format(new Date(iso)) : messages.notAvailable),
    dateTime: (iso: string | null | undefined) => (iso ? dateTimes.format(new Date(iso)) : messages.notAvailable),
    /** A compact date and time, for table cells. */
    shortDateTime: (iso: string) => shortDateTimes.format(new Date(iso)),
    month: (iso: string) => months.format(new Date(iso)),
    /** A quarter as "Q1 2026" / "K1 2026". */
    quarter: (iso: string) => {
      const date = new Date(iso);
      return `${language === 'nl' ? 'K' : 'Q'}${Math.floor(date.getMonth() / 3) + 1} ${date.getFullYear()}`;
    },
  };
}

export type Translator = ReturnType<typeof translator>;

export const I18n = createContext<Translator>(translator('en'));
export const useI18n = () => useContext(I18n);
