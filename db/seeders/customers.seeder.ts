import type { EntityManager } from '@mikro-orm/core';
import { Customer, type Team, type TeamMember } from '../entities/index.ts';
import { contactChannels } from '../enums.ts';
import type { Random } from './random.ts';

const firstNames = [
  'Emma',
  'Liam',
  'Julia',
  'Noah',
  'Mila',
  'Lucas',
  'Sophie',
  'Finn',
  'Tess',
  'Sem',
  'Zoë',
  'Levi',
  'Sara',
  'Jesse',
  'Anna',
  'Milan',
  'Evi',
  'Luuk',
  'Lisa',
  'Max',
];
const lastNames = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'van Dijk',
  'Bakker',
  'Janssen',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
];
const places = [
  ['Amsterdam', 'Noord-Holland'],
  ['Haarlem', 'Noord-Holland'],
  ['Utrecht', 'Utrecht'],
  ['Amersfoort', 'Utrecht'],
  ['Rotterdam', 'Zuid-Holland'],
  ['Den Haag', 'Zuid-Holland'],
  ['Eindhoven', 'Noord-Brabant'],
  ['Tilburg', 'Noord-Brabant'],
  ['Groningen', 'Groningen'],
  ['Maastricht', 'Limburg'],
] as const;

const day = 86_400_000;

export function seedCustomers(
  em: EntityManager,
  random: Random,
  teams: { team: Team; members: TeamMember[] }[],
  count: number,
  now: Date,
): Customer[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${random.pick(firstNames)} ${random.pick(lastNames)}`;
    const [city, region] = random.pick(places);
    const { team } = teams[i % teams.length] as { team: Team };
    const birthYear = random.int(1950, 2004);
    return em.create(Customer, {
      team,
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${i}@example.nl`,
      city,
      region,
      birthDate: `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      preferredChannel: random.pick(contactChannels),
      surveyConsent: random.chance(0.92),
      createdAt: new Date(now.getTime() - random.int(370, 900) * day),
    });
  });
}
