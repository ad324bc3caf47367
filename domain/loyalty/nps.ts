export const npsCategories = ['PROMOTER', 'PASSIVE', 'DETRACTOR'] as const;
export type NpsCategory = (typeof npsCategories)[number];

/** Promoters answer 9-10, passives 7-8, detractors 0-6 (Net Promoter practice). */
export function npsCategory(score: number): NpsCategory {
  if (score >= 9) return 'PROMOTER';
  if (score >= 7) return 'PASSIVE';
  return 'DETRACTOR';
}

/** The inclusive score range of a category, for filtering stored answers. */
export function npsCategoryRange(category: NpsCategory): [number, number] {
  switch (category) {
    case 'PROMOTER':
      return [9, 10];
    case 'PASSIVE':
      return [7, 8];
    case 'DETRACTOR':
      return [0, 6];
  }
}
