import { seededRandom } from './random';

const GIVEN = [
  'Amara',
  'Ben',
  'Chloé',
  'Dmitri',
  'Elena',
  'Farah',
  'Gabriel',
  'Hana',
  'Ibrahim',
  'Jonas',
  'Keiko',
  'Liam',
  'Mei',
  'Nadia',
  'Oscar',
  'Priya',
  'Quentin',
  'Rosa',
  'Samuel',
  'Tomás',
  'Uma',
  'Victor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Aisha',
  'Bruno',
  'Carmen',
  'Daniel',
  'Eun-ji',
  'Felix',
  'Greta',
  'Hugo',
  'Ines',
  'Jamal',
  'Katarina',
  'Lucas',
  'Maya',
  'Noah',
  'Olga',
  'Pedro',
  'Rahul',
  'Sofia',
  'Theo',
  'Valentina',
  'William',
  'Yara',
  'Aiden',
  'Beatriz',
  'Chen',
  'Diego',
  'Emma',
  'Fatima',
  'George',
  'Hiroshi',
  'Isabel',
  'Jakob',
  'Leila',
  'Marco',
];
const FAMILY = [
  'Okafor',
  'Schmidt',
  'Dubois',
  'Ivanov',
  'García',
  'Haddad',
  'Rossi',
  'Tanaka',
  'Khan',
  'Berg',
  'Sato',
  'Murphy',
  'Zhang',
  'Petrova',
  'Nilsson',
  'Patel',
  'Laurent',
  'Silva',
  "O'Brien",
  'Müller',
  'Nguyen',
  'Kowalski',
  'Hernández',
  'Andersen',
  'Yilmaz',
  'Cohen',
  'Mensah',
  'Fischer',
  'Costa',
  'Kim',
  'Novak',
  'Lopez',
  'Jensen',
  'Ahmed',
  'Moreau',
  'Smith',
  'Van der Berg',
  'Rahman',
  'Bianchi',
  'Johansson',
  'Park',
  'Santos',
  'Weber',
  'Ali',
  'Martin',
  'Wong',
  'Eriksson',
  'Romero',
  'Nakamura',
  'Adeyemi',
];
const GROUPS = [
  'Design',
  'Product',
  'Engineering',
  'Marketing',
  'Brand Studio',
  'UX Research',
  'Customer Success',
  'Sales',
  'Leadership',
  'Contractors',
  'Mobile Squad',
  'Design Systems',
];

export interface SeedUser {
  userName: string;
  givenName: string;
  familyName: string;
  active: boolean;
  role: 'member' | 'admin' | 'owner';
  createdAt: string;
}

export interface SeedData {
  users: SeedUser[];
  groups: Array<{ displayName: string; memberIndexes: number[] }>;
}

function ascii(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * A deterministic tenant: realistic names, emails as userNames, about a fifth inactive, a few
 * admins and one owner, and groups of varied size. The demo tenant is `generateSeed(250, 12, 1)`.
 */
export function generateSeed(members: number, groups: number, seed: number, domain = 'acme-design.example'): SeedData {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const taken = new Map<string, number>();
  const users: SeedUser[] = [];
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < members; i += 1) {
    const givenName = pick(GIVEN);
    const familyName = pick(FAMILY);
    const base = `${ascii(givenName)}.${ascii(familyName)}`;
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    users.push({
      userName: `${base}${n > 1 ? n : ''}@${domain}`,
      givenName,
      familyName,
      active: random() >= 0.2,
      role: i === 0 ? 'owner' : random() < 0.04 ? 'admin' : 'member',
      createdAt: new Date(start + Math.floor(random() * 900) * 86_400_000).toISOString(),
    });
  }
  const groupList = Array.from({ length: groups }, (_, g) => {
    const displayName = g < GROUPS.length ? GROUPS[g]! : `Team ${g + 1}`;
    const share = 0.03 + random() * 0.25;
    const memberIndexes: number[] = [];
    for (let i = 0; i < members; i += 1) if (random() < share) memberIndexes.push(i);
    return { displayName, memberIndexes };
  });
  return { users, groups: groupList };
}

export const DEMO_SEED = { members: 250, groups: 12, seed: 1 } as const;
