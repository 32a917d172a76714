import type { Lang } from '../../rules/model/channel';
import type { AgentSkill, Capacity } from '../../workflows/contracts/routing';
import type { NewUser } from '../store/users';

type DemoUser = NewUser & { password: string };

/** An agent whose password follows the demo pattern: "relais-" and their user name. */
function agent(
  id: string,
  name: string,
  langs: [Lang, ...Lang[]],
  skills: [string, number][],
  queues: string[],
  capacity: Capacity,
): DemoUser {
  const agentSkills: AgentSkill[] = skills.map(([skill, level]) => ({ skill, level }));
  return {
    _id: id,
    name,
    role: 'agent',
    lang: langs[0],
    password: `relais-${id}`,
    routing: { skills: agentSkills, queues, langs, capacity },
  };
}

/** Demo accounts for a local start; change or remove them before exposing Relais. */
export const demoUsers: DemoUser[] = [
  { _id: 'manager', name: 'Manon Leroy', role: 'manager', lang: 'fr', password: 'relais-manager' },
  {
    _id: 'supervisor',
    name: 'Sam Okafor',
    role: 'supervisor',
    lang: 'en',
    password: 'relais-supervisor',
  },
  agent(
    'agent',
    'Ana Costa',
    ['fr', 'en'],
    [
      ['billing', 3],
      ['logistics', 2],
    ],
    ['general', 'billing', 'logistics'],
    { voice: 1, chat: 3, email: 10 },
  ),
  agent(
    'lucas',
    'Lucas Martin',
    ['fr'],
    [
      ['billing', 5],
      ['refunds', 4],
    ],
    ['general', 'billing'],
    { voice: 1, chat: 3, email: 10 },
  ),
  agent(
    'chloe',
    'Chloé Bernard',
    ['fr', 'en'],
    [
      ['logistics', 4],
      ['complaints', 3],
    ],
    ['general', 'logistics'],
    { voice: 1, chat: 4, email: 10 },
  ),
  agent(
    'james',
    'James Walker',
    ['en'],
    [
      ['technical', 5],
      ['sales', 3],
    ],
    ['general', 'sales'],
    { voice: 0, chat: 5, email: 15 },
  ),
  agent(
    'ines',
    'Inès Haddad',
    ['fr', 'en'],
    [
      ['b2b-desk', 5],
      ['sales', 4],
      ['billing', 3],
    ],
    ['b2b-desk', 'sales'],
    { voice: 1, chat: 2, email: 8 },
  ),
  agent(
    'tom',
    'Tom Dubois',
    ['fr'],
    [
      ['complaints', 5],
      ['vip', 4],
      ['billing', 2],
    ],
    ['escalations', 'general'],
    { voice: 1, chat: 2, email: 5 },
  ),
  agent(
    'priya',
    'Priya Nair',
    ['en', 'fr'],
    [
      ['refunds', 5],
      ['billing', 4],
      ['vip', 3],
    ],
    ['billing', 'escalations'],
    { voice: 1, chat: 3, email: 10 },
  ),
  agent(
    'marc',
    'Marc Lefèvre',
    ['fr'],
    [
      ['logistics', 5],
      ['b2b-desk', 2],
    ],
    ['logistics', 'b2b-desk'],
    { voice: 0, chat: 0, email: 20 },
  ),
  agent(
    'sofia',
    'Sofia Rossi',
    ['en', 'fr'],
    [
      ['technical', 4],
      ['logistics', 2],
      ['sales', 2],
    ],
    ['general', 'logistics', 'sales'],
    { voice: 1, chat: 6, email: 10 },
  ),
];
