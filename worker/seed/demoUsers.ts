import type { NewUser } from '../store/users';

/** Demo accounts for a local start; change or remove them before exposing Relais. */
export const demoUsers: (NewUser & { password: string })[] = [
  { _id: 'manager', name: 'Manon Leroy', role: 'manager', lang: 'fr', password: 'relais-manager' },
  {
    _id: 'supervisor',
    name: 'Sam Okafor',
    role: 'supervisor',
    lang: 'en',
    password: 'relais-supervisor',
  },
  { _id: 'agent', name: 'Ana Costa', role: 'agent', lang: 'fr', password: 'relais-agent' },
];
