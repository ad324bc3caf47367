import type { ChurnDriver } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Translator } from '../i18n/i18n.ts';

/**
 * A loyalty reason in the reader's language, from the code and figures the API gives beside its
 * English text.
 */
export function reasonText({ t }: Translator, reason: { code: string; params: Record<string, number | null> }) {
  return t(`reason_${reason.code}` as MessageKey, reason.params);
}

/** What drives a churn risk, in the reader's language, from the driver's facts. */
export function driverText({ t, num }: Translator, driver: ChurnDriver): string {
  const f = driver.facts;
  const one = (value: number | null | undefined) => (value === null || value === undefined ? null : num(value, 1));
  switch (driver.kind) {
    case 'FALLING_SCORES':
      return [
        f.latestNps !== undefined
          ? t('driver_FALLING_NPS', { latestNps: f.latestNps, earlierNpsMean: one(f.earlierNpsMean) })
          : null,
        f.latestKeepBuying !== undefined
          ? t('driver_FALLING_KEEP_BUYING', {
              latestKeepBuying: f.latestKeepBuying,
              earlierKeepBuyingMean: one(f.earlierKeepBuyingMean),
            })
          : null,
      ]
        .filter(Boolean)
        .join('; ');
    case 'FALLING_PURCHASE_FREQUENCY':
      return t('driver_FALLING_PURCHASE_FREQUENCY', {
        purchasesLast90Days: f.purchasesLast90Days,
        usualPurchasesPer90Days: one(f.usualPurchasesPer90Days),
      });
    case 'DETRACTOR_STOPPED_BUYING':
      return t('driver_DETRACTOR_STOPPED_BUYING', f);
    case 'UNRESOLVED_TICKETS':
      return [t('driver_UNRESOLVED_TICKETS', f), f.overdueTickets ? t('driver_OVERDUE_TICKETS', f) : null]
        .filter(Boolean)
        .join(', ');
    default:
      return driver.kind;
  }
}
