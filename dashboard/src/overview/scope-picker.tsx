import type { Viewer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.ts';

/** A report's scope as the select holds it: '' everyone, 'team:<id>' or 'segment:<id>'. */
export function scopeInput(value: string): Record<string, string> | null {
  const [kind, id] = value.split(':');
  if (kind === 'team' && id) return { teamId: id };
  if (kind === 'segment' && id) return { segmentId: id };
  return null;
}

/** Everyone (not for members, whose reports always cover their team), a team, or a saved segment. */
export function ScopePicker({
  viewer,
  value,
  onChange,
}: {
  viewer: Viewer;
  value: string;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  const member = viewer.viewer.role === 'MEMBER' ? viewer.viewer.member : null;
  return (
    <label>
      {t('whom')}
      <select value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        {member ? null : <option value="">{t('everyone')}</option>}
        {viewer.teams.map((team) => (
          <option key={team.id} value={`team:${team.id}`}>
            {t('teamOption', { name: team.name })}
          </option>
        ))}
        {viewer.segments.map((segment) => (
          <option key={segment.id} value={`segment:${segment.id}`}>
            {t('segmentOption', { name: segment.name })}
          </option>
        ))}
      </select>
    </label>
  );
}
