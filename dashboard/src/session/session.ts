const storageKey = 'loyalty-loop.token';

/** The token lives in sessionStorage: this tab only, gone when it closes (never localStorage or a cookie). */
export const session = {
  token: () => sessionStorage.getItem(storageKey),
  signIn: (token: string) => sessionStorage.setItem(storageKey, token),
  signOut: () => sessionStorage.removeItem(storageKey),
};

/** The demo token the development server writes into the page, to pre-fill the sign-in form. */
export const demoToken = () =>
  document.querySelector<HTMLMetaElement>('meta[name="loyalty-demo-token"]')?.content ?? '';
