import { provisionOrExit } from './provision';

await provisionOrExit({ always: true });
