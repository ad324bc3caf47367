import type { Viewer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.ts';

/** A team to filter by: any team the viewer sees, or all of them (not for members, who see their own). */
export function TeamFilter({
  viewer,
  value,
  onChange,
}: {
  viewer: Viewer;
  value: string;
  onChange(team: string): void;
}) {
  const { t } = useI18n();
  return (
    <label>
      {t('filterTeam')}
      <select value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        {viewer.viewer.role === 'MEMBER' ? null : <option value="">{t('allTeams')}</option>}
        {viewer.teams.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </label>
  );
}
