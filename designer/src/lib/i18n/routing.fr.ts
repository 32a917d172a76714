import type { routingEn } from './routing.en';

/** Texte français de la place d'un dossier chez le routeur (fusionné dans fr.ts). */
export const routingFr: typeof routingEn = {
  routing: {
    title: 'En attente d’un agent',
    position: 'Position dans la file',
    expectedWait: 'Attente estimée',
    wait: (seconds) =>
      seconds === null
        ? 'inconnue (aucun agent ne sert cette file)'
        : seconds < 60
          ? 'moins d’une minute'
          : seconds < 3600
            ? `environ ${Math.round(seconds / 60)} min`
            : `environ ${String(Math.round(seconds / 360) / 10).replace('.', ',')} h`,
    why: 'Pourquoi',
    offeredTo: (name) => `Proposé à ${name}`,
  },
};
