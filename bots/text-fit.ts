const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const ellipsis = '…';

/**
 * `text` cut to at most `max` UTF-16 code units, ending in "…" when cut. Cuts fall between
 * graphemes: never inside a surrogate pair, an emoji sequence or a letter with its accents.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length + ellipsis.length > max) break;
    kept += segment;
  }
  return kept + ellipsis;
}

/**
 * Fits user text into `max` after `encode` (an escape, which may lengthen it): cut before escaping, so an
 * escape sequence is never split. `onCut` is told when anything was left out.
 */
export function fitEscaped(text: string, max: number, encode: (text: string) => string, onCut?: () => void): string {
  for (let budget = max; budget > 0; ) {
    const escaped = encode(truncate(text, budget));
    if (escaped.length <= max) {
      if (budget < text.length) onCut?.();
      return escaped;
    }
    budget -= Math.max(1, escaped.length - max);
  }
  if (text) onCut?.();
  return '';
}

/**
 * A renderer's fitting: every text through one escape (or the one given for it), remembering
 * whether anything was cut.
 */
export function textFitter(encode: (text: string) => string) {
  const state = { cut: false };
  const fit = (text: string, max: number, escapeText = encode) =>
    fitEscaped(text, max, escapeText, () => {
      state.cut = true;
    });
  // A getter, not Object.assign (which would copy the value once).
  return Object.defineProperty(fit, 'cut', { get: () => state.cut }) as typeof fit & { readonly cut: boolean };
}
